import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AA_TEXT, contrastRatio } from './contrast'
import { TEXT_PAIRS } from './contrast-pairs'
import { paletteThemes } from './palette-parse'

const css = readFileSync(join(import.meta.dirname, '../../src/renderer/src/theme/palette.css'), 'utf8')
const themes = paletteThemes(css)

describe('contrast ratio', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#fff')).toBe(1)
    // #767676 on white is the classic lightest grey that passes AA.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5)
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5)
  })
})

describe('palette', () => {
  it('defines a light and a dark theme with the same names', () => {
    expect(Object.keys(themes).sort()).toEqual(['dark', 'light'])
    expect(Object.keys(themes['dark'] ?? {}).sort()).toEqual(Object.keys(themes['light'] ?? {}).sort())
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG AA (4.5:1) for every text/background pair in ${theme}`, () => {
      const palette = themes[theme] ?? {}
      const failures = TEXT_PAIRS.flatMap(([text, background]) => {
        const fg = palette[text]
        const bg = palette[background]
        if (!fg || !bg) return [`${text} on ${background}: not defined`]
        const ratio = contrastRatio(fg, bg)
        return ratio >= AA_TEXT ? [] : [`${text} ${fg} on ${background} ${bg}: ${ratio.toFixed(2)}`]
      })
      expect(failures).toEqual([])
    })
  }
})
