import { describe, expect, it } from 'vitest'
import { methods } from '../../../src/shared/contract'

const base = { connectionId: 'c1', queryId: 'q1', sql: 'SELECT 1', format: 'csv', path: '/tmp/x.csv' }
const parse = (options: unknown) => methods['export.start'].input.safeParse({ ...base, options })

describe('export.start options schema', () => {
  it('fills the defaults: RFC 4180 CSV, 100 rows per INSERT', () => {
    const parsed = parse({ csv: {}, sql: {} })
    expect(parsed.success).toBe(true)
    expect(parsed.data?.options).toEqual({
      csv: { delimiter: ',', quote: '"', header: true, nullText: '', lineEnding: 'crlf', bom: false },
      sql: { rowsPerInsert: 100 },
    })
  })

  it('accepts each option the dialog offers', () => {
    const csv = { delimiter: '\t', quote: "'", header: false, nullText: 'NULL', lineEnding: 'lf', bom: true }
    expect(parse({ csv, sql: { rowsPerInsert: 1000 } }).success).toBe(true)
  })

  it.each([
    ['a two-character delimiter', { csv: { delimiter: ';;' } }],
    ['a line break as delimiter', { csv: { delimiter: '\n' } }],
    ['the same delimiter and quote', { csv: { delimiter: '"' } }],
    ['NULL text holding the delimiter', { csv: { nullText: 'a,b' } }],
    ['NULL text holding a line break', { csv: { nullText: 'a\nb' } }],
    ['an unknown line ending', { csv: { lineEnding: 'cr' } }],
    ['an unknown option', { csv: { encoding: 'latin1' } }],
    ['0 rows per INSERT', { sql: { rowsPerInsert: 0 } }],
    ['more rows per INSERT than SQL Server takes', { sql: { rowsPerInsert: 1001 } }],
    ['a fractional row count', { sql: { rowsPerInsert: 2.5 } }],
  ])('refuses %s', (_, options) => {
    expect(parse(options).success).toBe(false)
  })
})
