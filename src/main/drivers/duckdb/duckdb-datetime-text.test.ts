import { describe, expect, it } from 'vitest'
import { ColumnarBatchWriter } from '../../../shared/contract/row-batch-columnar-writer'
import { readBatch } from '../../../shared/contract/row-batch-reader'
import type { ColumnBuilder } from '../../../shared/contract/row-batch-column'
import { writeDate, writeTimestamp } from './duckdb-datetime-text'
import { decimalText, writeDecimal } from './duckdb-decimal-text'

const DAY_MS = 86_400_000
const pad = (n: number, width: number): string => String(n).padStart(width, '0')
/** The reference: JavaScript's own UTC calendar (proleptic Gregorian, as DuckDB's). */
const dayOf = (ms: number): string => {
  const d = new Date(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`
}
function timestampOf(micros: number): string {
  const ms = Math.floor(micros / 1000)
  const d = new Date(ms)
  const fraction = micros - ms * 1000 + d.getUTCMilliseconds() * 1000
  const clock = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  return `${dayOf(ms)} ${clock}${fraction ? `.${pad(fraction, 6).replace(/0+$/, '')}` : ''}`
}

/** The text cells one writer call per value leaves in a batch column. */
function cells<T>(values: readonly T[], write: (out: ColumnBuilder, value: T) => void): unknown[] {
  const writer = new ColumnarBatchWriter(1)
  for (const value of values) write(writer.column(0), value)
  const batch = readBatch(writer.finish(values.length))
  return values.map((_, r) => batch.cell(r, 0))
}

/** A repeatable pseudo-random sequence (xorshift), so a failure names the same values every run. */
function random(seed: number): () => number {
  let x = seed
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

describe('duckdb: DATE, TIMESTAMP and DECIMAL text written as bytes', () => {
  it('writes the days of years 1 to 9999 as the UTC calendar names them: every day around century and leap rules, every 13th elsewhere', () => {
    const first = -719_162
    const last = 2_932_896
    const days: number[] = []
    for (let day = first; day <= last; day += 13) days.push(day)
    // Every day of the two years around each year where the Gregorian rules turn (or the range ends).
    for (const year of [1, 100, 400, 1600, 1700, 1900, 1970, 2000, 2100, 2400, 9998]) {
      // Not Date.UTC: it maps years 0–99 to 1900–1999.
      const january = new Date(0)
      january.setUTCFullYear(year, 0, 1)
      const from = Math.max(first, Math.round(january.getTime() / DAY_MS) - 366)
      for (let day = from; day <= Math.min(last, from + 2 * 366); day++) days.push(day)
    }
    days.push(last)
    let refused = 0
    const got = cells(days, (out, day) => void (writeDate(out, day) || refused++))
    expect(refused).toBe(0)
    const wrong = days.findIndex((day, i) => got[i] !== dayOf(day * DAY_MS))
    expect(wrong === -1 ? null : { day: days[wrong], got: got[wrong] }).toBeNull()
  })

  it('writes nothing and answers false outside years 1 to 9999 (the caller prints those)', () => {
    const writer = new ColumnarBatchWriter(1)
    expect(writeDate(writer.column(0), -719_163)).toBe(false)
    expect(writeDate(writer.column(0), 2_932_897)).toBe(false)
    expect(writeTimestamp(writer.column(0), 2n ** 53n)).toBe(false)
    expect(writeTimestamp(writer.column(0), -(2n ** 53n))).toBe(false)
    expect(writer.column(0).rows).toBe(0)
  })

  it('writes timestamps to the microsecond, trailing zeros of the fraction dropped, before and after 1970', () => {
    const next = random(0x5eed)
    const edges = [0, -1, 1, 999_999, -999_999, 86_400_000_000 - 1, -86_400_000_000, 1_500_000, 2_000_000_010]
    const safe = Number.MAX_SAFE_INTEGER
    const values = [...edges, safe, -safe, ...Array.from({ length: 20_000 }, () => Math.round((next() * 2 - 1) * safe))]
    const got = cells(values, (out, us) => expect(writeTimestamp(out, BigInt(us))).toBe(true))
    expect(got).toEqual(values.map(timestampOf))
    expect(cells([1_500_000], (out, us) => writeTimestamp(out, BigInt(us), '+00'))).toEqual([
      '1970-01-01 00:00:01.5+00',
    ])
  })

  it('writes decimals as decimalText prints them, every scale, signs and leading zeros', () => {
    const next = random(0xdec)
    const values: [number, number][] = [
      [0, 0],
      [0, 2],
      [-5, 3],
      [5, 1],
      [Number.MAX_SAFE_INTEGER, 18],
      [-Number.MAX_SAFE_INTEGER, 0],
    ]
    for (let i = 0; i < 5_000; i++) {
      const magnitude = 10 ** Math.floor(next() * 16)
      values.push([Math.round((next() * 2 - 1) * magnitude), Math.floor(next() * 19)])
    }
    const got = cells(values, (out, [scaled, scale]) => writeDecimal(out, scaled, scale))
    expect(got).toEqual(values.map(([scaled, scale]) => decimalText(scaled, scale)))
  })
})
