import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SHORTCUTS } from '../../src/renderer/src/editor/shortcuts'

describe('shortcuts', () => {
  it('README’s Daily use table lists every shortcut the help panel shows', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('## Daily use'))
    const rows = table.split('\n').filter((line) => line.startsWith('| '))
    for (const { keys } of SHORTCUTS) {
      const readmeKeys = keys.replaceAll('Mod', 'Ctrl')
      expect(
        rows.some((row) => row.startsWith(`| ${readmeKeys} `)),
        readmeKeys,
      ).toBe(true)
    }
  })

  it('gives no key combination two meanings', () => {
    const all = SHORTCUTS.flatMap(({ keys }) => keys.split(/ or | \/ /))
    expect(new Set(all).size).toBe(all.length)
  })
})
