import { describe, expect, it } from 'vitest'
import type { ImportColumn } from '../../../shared/contract/import-model'
import { MYSQL } from '../../../shared/engines/mysql'
import { POSTGRES } from '../../../shared/engines/postgres'
import { RowConverter } from './row-convert'
import { INVALID } from './value-convert'

const col = (source: number, kind: ImportColumn['kind'], format: string | null = null): ImportColumn => ({
  source,
  target: `c${source}`,
  kind,
  format,
  type: 'x',
})

describe('RowConverter', () => {
  it('gives the record itself when the columns are its fields in order and nothing changes', () => {
    const rows = new RowConverter(
      [col(0, 'bigint'), col(1, 'text'), col(2, 'timestamptz', 'YYYY-MM-DD HH:mm:ss Z')],
      POSTGRES.import,
    )
    const record = ['9223372036854775807', '', '2024-01-02 03:04:05+00:00']
    expect(rows.convert(record)).toBe(record)
  })

  it('copies the record when a value changes, leaving the record as read (for the rejects file)', () => {
    const rows = new RowConverter([col(0, 'integer'), col(1, 'boolean'), col(2, 'text')], MYSQL.import)
    const record = ['+007', 'yes', null]
    const row = rows.convert(record)
    expect(row).toEqual(['7', '1', null])
    expect(record).toEqual(['+007', 'yes', null])
  })

  it('maps columns from their sources, NULL kept apart from the empty string', () => {
    const rows = new RowConverter([col(2, 'text'), col(0, 'decimal')], POSTGRES.import)
    expect(rows.convert(['-0.50', 'skipped', ''])).toEqual(['', '-0.50'])
    expect(rows.convert([null, 'skipped', null])).toEqual([null, null])
  })

  it('refuses a row with the column and the reason', () => {
    const rows = new RowConverter([col(0, 'smallint'), col(1, 'date')], POSTGRES.import)
    expect(rows.convert(['32768', '2024-01-01'])).toBe(INVALID)
    expect(rows.reason).toBe('c0: out of range for smallint: 32768')
    expect(rows.convert(['1', '2024-02-30'])).toBe(INVALID)
    expect(rows.reason).toBe('c1: not a date in YYYY-MM-DD: "2024-02-30"')
  })
})
