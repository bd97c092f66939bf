import { describe, expect, it } from 'vitest'
import { DelimitedParser } from '../services/import/delimited-parser'
import { csvPieces, csvText, tabPieces, tabText } from './bulk-text'

/** Every kind of value text the bulk paths carry: NULL vs '', the formats' own characters, edges. */
const VALUES: (string | null)[] = [
  null,
  '',
  'plain',
  'NULL',
  '\\N',
  '\\',
  '\\.',
  'tab\there',
  'line\nbreak',
  'cr\rlf\r\n',
  'say "hi", "" twice',
  ',',
  '"',
  ' padded ',
  '-9223372036854775808',
  '9223372036854775807',
  '12345678901234567890.123456789',
  '-0.0001',
  '2024-02-29 23:59:59.123456+05:30',
  '\\x00ff10',
  'Zoë — 東京 🚀',
]

/** PostgreSQL's COPY text / MySQL's LOAD DATA reading of a line: tabs split, `\N` is NULL, escapes undone. */
function readTabLine(line: string): (string | null)[] {
  return line
    .split('\t')
    .map((field) =>
      field === '\\N'
        ? null
        : field.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c as 'n'] ?? c),
    )
}

const rowsOf = (width: number): (string | null)[][] => {
  const rows: (string | null)[][] = []
  for (let i = 0; i < VALUES.length; i++)
    rows.push(Array.from({ length: width }, (_, c) => VALUES[(i + c) % VALUES.length]!))
  return rows
}

describe('tab text (COPY, LOAD DATA)', () => {
  it('round-trips every value kind: NULL apart from empty, escapes, int64 edges, decimals, unicode', () => {
    const rows = rowsOf(3)
    const text = tabText(rows)
    expect(text.endsWith('\n')).toBe(true)
    // Only escaped line breaks: one line per row.
    const lines = text.slice(0, -1).split('\n')
    expect(lines.map(readTabLine)).toEqual(rows)
  })

  it('comes in pieces of whole lines that join to the same text', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i), 'x'.repeat(i % 97), null])
    const pieces = [...tabPieces(rows)]
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true)
    expect(pieces.join('')).toBe(tabText(rows))
  })
})

describe('quoted CSV (DuckDB read_csv)', () => {
  it("round-trips every value kind through an RFC 4180 reader: NULL is an empty unquoted field, '' stays ''", () => {
    const rows = rowsOf(4)
    const parser = new DelimitedParser(',', new Set(['']))
    const read = [...parser.push(csvText(rows)), ...parser.end()]
    expect(read).toEqual(rows)
  })

  it('reports its longest line, and pieces join to the same text', () => {
    const rows = [
      ['a', null],
      ['x'.repeat(100_000), '"q"'],
    ]
    const stats = { longestLine: 0 }
    const text = [...csvPieces(rows, stats)].join('')
    expect(text).toBe(csvText(rows))
    // "x…x" , """q""" and the line end.
    expect(stats.longestLine).toBe(100_000 + 2 + 1 + 7 + 1)
  })
})
