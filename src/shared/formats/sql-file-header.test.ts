import { describe, expect, it } from 'vitest'
import { readSqlFileHeader, withSqlFileHeader } from './sql-file-header'

describe('sql file header', () => {
  it('writes the connection and database as a comment line above the SQL', () => {
    expect(withSqlFileHeader('SELECT 1;\n', { connection: 'Sample', database: 'main' })).toBe(
      '-- quarry: connection=Sample; database=main\nSELECT 1;\n',
    )
    expect(withSqlFileHeader('SELECT 1', { connection: 'Sample', database: null })).toBe(
      '-- quarry: connection=Sample\nSELECT 1',
    )
  })

  it('round-trips names holding ; = % and line breaks, and SQL exactly (blank lines, CRLF, no final newline)', () => {
    const target = { connection: 'a;b=c%d\ne', database: 'x %3B y' }
    const sql = '\n\nSELECT 1;\r\n-- quarry: not a header here\nSELECT 2'
    const text = withSqlFileHeader(sql, target)
    expect(text.split('\n')[0]).toBe('-- quarry: connection=a%3Bb%3Dc%25d%0Ae; database=x %253B y')
    expect(readSqlFileHeader(text)).toEqual({ ...target, sql })
  })

  it('reads a file without a header as all SQL, and tolerates a BOM, CRLF and unknown fields', () => {
    expect(readSqlFileHeader('SELECT 1')).toEqual({ connection: null, database: null, sql: 'SELECT 1' })
    expect(readSqlFileHeader('\uFEFF-- quarry: color=red; connection=PG\r\nSELECT 1')).toEqual({
      connection: 'PG',
      database: null,
      sql: 'SELECT 1',
    })
    expect(readSqlFileHeader('-- quarry: connection=only')).toEqual({ connection: 'only', database: null, sql: '' })
  })

  it('writes no header when the connection is unknown', () => {
    expect(withSqlFileHeader('SELECT 1', { connection: null, database: 'main' })).toBe('SELECT 1')
  })
})
