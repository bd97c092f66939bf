import { describe, expect, it } from 'vitest'
import { engineOf } from '../engines/engine-list'
import { floatKind, floatText } from './float-text'

/** Each engine's text for (value, column type), as its own client printed it on this machine. */
const text = (engine: Parameters<typeof engineOf>[0], type: string, n: number): string => {
  const style = engineOf(engine).floats
  const kind = floatKind(style, type)
  if (!kind) throw new Error(`${type} is not a float type of ${engine}`)
  return floatText(n, style, kind)
}

describe('floatText: each engine as its client prints', () => {
  it('PostgreSQL as psql (float8 and float4)', () => {
    const f8 = (n: number) => text('postgres', 'double precision', n)
    const f4 = (n: number) => text('postgres', 'real', n)
    expect([1e20, 100, 1e15, 1e14, 1e-5, 0.0001, -2.5, 0].map(f8)).toEqual([
      '1e+20',
      '100',
      '1e+15',
      '100000000000000',
      '1e-05',
      '0.0001',
      '-2.5',
      '0',
    ])
    // float4 16777217 is stored as 16777216; 123456.7 reads back as a double from psql's text.
    expect([16777216, 123456.7, 1e6, 100000, 1234567].map(f4)).toEqual([
      '1.6777216e+07',
      '123456.7',
      '1e+06',
      '100000',
      '1.234567e+06',
    ])
  })

  it('MariaDB as the mariadb client', () => {
    const d = (n: number) => text('mysql', 'double', n)
    expect([1e20, 100, 1e15, 1e16, 1e-5, 1.5e-7, 123456789012345678, 1e-15, 1e-16, 999999999999999].map(d)).toEqual([
      '1e20',
      '100',
      '1e15',
      '1e16',
      '0.00001',
      '0.00000015',
      '1.2345678901234568e17',
      '0.000000000000001',
      '1e-16',
      '999999999999999',
    ])
    expect(d(1234567890123456.8)).toBe('1234567890123456.8')
    expect(d(1.7976931348623157e308)).toBe('1.7976931348623157e308')
    // FLOAT arrives as the server's 6-digit text.
    expect([16777200, 123457000, 1e30].map((n) => text('mysql', 'float', n))).toEqual(['16777200', '123457000', '1e30'])
  })

  it('SQLite as sqlite3', () => {
    const r = (n: number) => text('sqlite', 'REAL', n)
    expect([1e20, 100, 0.3, 1e-5, 1e15, 1e14, 16777216, 0.0001, 1.5].map(r)).toEqual([
      '1.0e+20',
      '100.0',
      '0.3',
      '1.0e-05',
      '1.0e+15',
      '100000000000000.0',
      '16777216.0',
      '0.0001',
      '1.5',
    ])
    // Shortest round trip, where sqlite3's %.15g would drop digits (1.23456789012346e+17).
    expect(r(123456789012345678)).toBe('1.2345678901234568e+17')
  })

  it('DuckDB as its own text (FLOAT values arrive widened to doubles)', () => {
    const d = (n: number) => text('duckdb', 'DOUBLE', n)
    expect([1e20, 100, 1e15, 1e16, 1e-5, 0.0001, 1.5e-7, 123456789012345678, 1234567890123456.8, -0].map(d)).toEqual([
      '1e+20',
      '100.0',
      '1000000000000000.0',
      '1e+16',
      '1e-05',
      '0.0001',
      '1.5e-07',
      '1.2345678901234568e+17',
      '1234567890123456.8',
      '-0.0',
    ])
    const f = (n: number) => text('duckdb', 'FLOAT', n)
    expect([16777216, 0.10000000149011612, Math.fround(1e15), 1e7].map(f)).toEqual([
      '16777216.0',
      '0.1',
      '1000000000000000.0',
      '10000000.0',
    ])
  })

  it('knows float types by their leading word only', () => {
    const pg = engineOf('postgres').floats
    expect(floatKind(pg, 'double precision')).toBe('double')
    expect(floatKind(pg, 'real[]')).toBe('single')
    expect(floatKind(pg, 'numeric(10,2)')).toBeNull()
    expect(floatKind(engineOf('mysql').floats, 'double unsigned')).toBe('double')
    expect(floatKind(engineOf('mysql').floats, 'doubled')).toBeNull()
    expect(floatKind(pg, null)).toBeNull()
  })
})
