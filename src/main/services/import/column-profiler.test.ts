import { describe, expect, it } from 'vitest'
import { ColumnProfiler } from './column-profiler'
import { normalizeTemporal } from './temporal-formats'
import { proposedType } from '../../../shared/engines/proposed-type'
import { POSTGRES } from '../../../shared/engines/postgres'
import { MYSQL } from '../../../shared/engines/mysql'

function profile(values: (string | null)[]): ReturnType<ColumnProfiler['profile']> {
  const p = new ColumnProfiler('c')
  values.forEach((v, i) => p.add(v, i + 1))
  return p.profile()
}

describe('ColumnProfiler', () => {
  it('sizes integers from every value, not the first few', () => {
    const small = Array.from({ length: 1000 }, (_, i) => String(i))
    expect(profile(small).kind).toBe('smallint')
    expect(profile([...small, '40000']).kind).toBe('integer')
    expect(profile([...small, '-9223372036854775808']).kind).toBe('bigint')
  })

  it('takes integers past bigint as exact decimals, and counts text among numbers as problems', () => {
    const values = [...Array.from({ length: 20 }, () => '1'), '9223372036854775808']
    expect(profile(values)).toMatchObject({ kind: 'decimal', precision: 19, scale: 0, problems: 0 })
    const p = profile([...Array.from({ length: 20 }, () => '7'), 'n/a'])
    expect(p).toMatchObject({ kind: 'smallint', problems: 1, examples: [{ row: 21, value: 'n/a' }] })
  })

  it('measures decimal precision and scale', () => {
    expect(profile(['1.5', '-123.25', '7', null])).toMatchObject({ kind: 'decimal', precision: 5, scale: 2, nulls: 1 })
  })

  it('reads booleans as words, 0/1 as integers, exponents as doubles', () => {
    expect(profile(['true', 'No', 'Y']).kind).toBe('boolean')
    expect(profile(['0', '1']).kind).toBe('smallint')
    expect(profile(['1e3', '2.5']).kind).toBe('double')
  })

  it('finds the date order the values are in, keeping an ambiguous one overridable', () => {
    expect(profile(['31/01/2024', '01/02/2024'])).toMatchObject({
      kind: 'date',
      format: 'DD/MM/YYYY',
      alternatives: [],
    })
    expect(profile(['01/02/2024'])).toMatchObject({ format: 'DD/MM/YYYY', alternatives: ['MM/DD/YYYY'] })
    expect(profile(['2024-01-31 10:00:00', '2024-02-01T08:30'])).toMatchObject({ kind: 'timestamp' })
    expect(profile(['2024-01-31T10:00:00Z', '2024-02-01 10:00:00+02:00']).kind).toBe('timestamptz')
  })

  it('lists bad dates as problems with examples', () => {
    const values = [...Array.from({ length: 30 }, () => '2024-02-29'), '2023-02-29', '2024-13-01']
    expect(profile(values)).toMatchObject({
      kind: 'date',
      problems: 2,
      examples: [
        { row: 31, value: '2023-02-29' },
        { row: 32, value: '2024-13-01' },
      ],
    })
  })

  it('falls back to text with its longest length when no kind takes most values', () => {
    expect(profile(['abc', '12', 'hello'])).toMatchObject({ kind: 'text', maxLength: 5, problems: 0 })
    expect(profile([null, null])).toMatchObject({ kind: 'text', nulls: 2 })
  })
})

describe('normalizeTemporal', () => {
  it('writes ISO text, keeping or converting the offset', () => {
    expect(normalizeTemporal('31.01.2024', 'DD.MM.YYYY', false, false)).toBe('2024-01-31')
    expect(normalizeTemporal('2024-01-31T23:30:00.125-02:00', 'YYYY-MM-DD', true, false)).toBe(
      '2024-01-31 23:30:00.125-02:00',
    )
    expect(normalizeTemporal('2024-01-31T23:30:00.125-02:00', 'YYYY-MM-DD', true, true)).toBe('2024-02-01 01:30:00.125')
    expect(normalizeTemporal('0099-01-01T00:00:00Z', 'YYYY-MM-DD', true, true)).toBe('0099-01-01 00:00:00')
    expect(normalizeTemporal('2024-02-30', 'YYYY-MM-DD', false, false)).toBeNull()
  })
})

describe('proposedType', () => {
  it('takes the type from the engine descriptor', () => {
    const decimal = { kind: 'decimal', precision: 5, scale: 2, maxLength: 7 } as const
    expect(proposedType(POSTGRES.import, decimal)).toBe('numeric(5,2)')
    expect(proposedType(MYSQL.import, { ...decimal, kind: 'text', maxLength: 40 })).toBe('varchar(40)')
    expect(proposedType(MYSQL.import, { ...decimal, kind: 'text', maxLength: 20000 })).toBe('longtext')
    expect(proposedType(MYSQL.import, { ...decimal, kind: 'timestamptz' })).toBe('datetime(6)')
  })
  it('says whether values are written as the import writes them (a direct load needs them so)', () => {
    const verbatim = (values: string[]): ReturnType<ColumnProfiler['verbatim']> => {
      const p = new ColumnProfiler('c')
      values.forEach((v, i) => p.add(v, i + 1))
      return p.verbatim()
    }
    expect(verbatim(['0', '-5', '9223372036854775807']).integers).toBe(true)
    for (const odd of ['+5', '007', '-0', '-05']) expect(verbatim(['1', odd]).integers).toBe(false)
    expect(verbatim(['1.5', '1e5']).numbers).toBe(true)
    expect(verbatim(['1.5', 'NaN']).numbers).toBe(false)
    expect(verbatim(['2024-01-31', '1999-12-31']).dates).toBe(true)
    expect(verbatim(['2024-01-31', '2024/02/01']).dates).toBe(false)
    const stamps = ['2024-01-31 10:00:00', '2024-01-31 10:00:00.123+02:00', '2024-01-31 10:00:00-05:30']
    expect(verbatim(stamps).timestamps).toBe(true)
    for (const odd of ['2024-01-31T10:00:00', '2024-01-31 10:00:00Z', '2024-01-31 10:00:00-00:00', '2024-01-31 10:00'])
      expect(verbatim([...stamps, odd]).timestamps).toBe(false)
    // Each spelling the ISO check passes is one the import writes unchanged.
    for (const stamp of stamps) expect(normalizeTemporal(stamp, 'YYYY-MM-DD', true, false)).toBe(stamp)
    expect(verbatim(['true', 'false', 'true']).booleans).toEqual(['true', 'false'])
    expect(verbatim(['t', 'f', 'yes', 'no', 'y', 'n', 'TRUE']).booleans).toHaveLength(5)
  })
})
