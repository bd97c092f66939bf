import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const RENDERER = join(ROOT, 'src', 'renderer', 'src')
const PALETTE = join(RENDERER, 'theme', 'palette.css')

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path, pattern)
    return pattern.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

const css = files(RENDERER, /\.css$/)
const code = files(RENDERER, /\.tsx?$/)
const read = (path: string): string => readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')

/** Colour literals: hex, rgb()/hsl(), and the named colours a quick fix reaches for. */
const CSS_COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black|gray|grey)\b/gi
const CODE_COLOUR = /['"`]\s*(?:#[0-9a-f]{3,8}|(?:rgba?|hsla?)\()/gi

describe('theme colours', () => {
  it('finds colour literals where they would hide from the theme', () => {
    expect('a { color: #fff; }'.match(CSS_COLOUR)).toHaveLength(1)
    expect('#root { box-shadow: 0 0 2px rgb(0 0 0 / 5%); background: white }'.match(CSS_COLOUR)).toHaveLength(2)
    expect(`style={{ color: '#e11' }} style={{ background: "rgba(0,0,0,.1)" }}`.match(CODE_COLOUR)).toHaveLength(2)
    expect(`const selector = '#root'; color: 'var(--text)'`.match(CODE_COLOUR)).toBeNull()
  })

  it('keeps every colour in the palette: no literal in other stylesheets or inline styles', () => {
    const found = [...css.filter((path) => path !== PALETTE), ...code].flatMap((path) =>
      [...read(path).matchAll(path.endsWith('.css') ? CSS_COLOUR : CODE_COLOUR)].map(
        (match) => `${relative(ROOT, path)}: ${match[0]}`,
      ),
    )
    expect(found).toEqual([])
  })

  it('uses only custom properties that are defined (a typo would silently fall back)', () => {
    const defined = new Set<string>()
    for (const path of css) for (const m of read(path).matchAll(/(--[\w-]+)\s*:/g)) defined.add(m[1]!)
    for (const path of code) for (const m of read(path).matchAll(/['"](--[\w-]+)['"]\s*:/g)) defined.add(m[1]!)
    const missing = [...css, ...code].flatMap((path) =>
      [...read(path).matchAll(/var\((--[\w-]+)/g)]
        .filter((m) => !defined.has(m[1]!))
        .map((m) => `${relative(ROOT, path)}: ${m[1]}`),
    )
    expect(missing).toEqual([])
  })
})
