import { describe, expect, it } from 'vitest'
import { SAMPLE_ENGINE } from '../../../shared/contract'
import { formatBlock } from '../../../shared/formats/copy-formats'
import { parseTsv } from './tsv-paste'

describe('parseTsv', () => {
  it('reads rows and cells; a final line break adds no row', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseTsv('one')).toEqual([['one']])
  })

  it("reads Copy's own TSV back as the same values: NULL, '', tabs, quotes and line breaks", () => {
    const rows = [[null, '', 'tab\there', 'say "hi"', 'two\nlines', ' padded', '\\x00ff']]
    const text = formatBlock('tsv', {
      columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      rows,
      header: false,
      engine: SAMPLE_ENGINE,
      table: 't',
    })
    expect(parseTsv(text)).toEqual(rows)
  })

  it('keeps empty fields at the ends of a line', () => {
    expect(parseTsv('\tx\t')).toEqual([[null, 'x', null]])
  })
})
