// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import { TAG_STRING } from '../../../shared/contract/row-batch'
import type { ColumnBuilder } from '../../../shared/contract/row-batch-column'

/**
 * DATE and TIMESTAMP text as DuckDB (and its node API's toString) prints them, written as ASCII
 * straight into a batch column from the stored days or microseconds: no Date and no string per
 * cell. For years 1–9999 only: outside (BC dates, infinity, beyond ±(2^53−1) µs) a writer writes
 * nothing and answers false, and the caller writes the node API's value instead.
 */
const MICROS_PER_DAY = 86_400_000_000
/** 0001-01-01 and 9999-12-31 as days since 1970-01-01. */
const FIRST_DAY = -719_162
const LAST_DAY = 2_932_896
const ZERO = 0x30

/** n (0–99) as two digits at pos; returns the end. */
function two(buf: Uint8Array, pos: number, n: number): number {
  buf[pos] = ZERO + ((n / 10) | 0)
  buf[pos + 1] = ZERO + (n % 10)
  return pos + 2
}

/**
 * yyyy-mm-dd of a day in years 1–9999 (days since 1970-01-01, proleptic Gregorian) at pos; returns
 * the end. The civil date from a day count by whole 400-year eras (Howard Hinnant's algorithm).
 */
function writeDay(buf: Uint8Array, pos: number, days: number): number {
  const z = days + 719_468 // days since 0000-03-01: ≥ 306 for year 1
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shifted = Math.floor((5 * dayOfYear + 2) / 153) // months from March
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1
  const month = shifted < 10 ? shifted + 3 : shifted - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  pos = two(buf, pos, (year / 100) | 0)
  pos = two(buf, pos, year % 100)
  buf[pos++] = 0x2d
  pos = two(buf, pos, month)
  buf[pos++] = 0x2d
  return two(buf, pos, day)
}

/** A DATE cell (days since 1970-01-01); false, writing nothing, outside years 1–9999. */
export function writeDate(out: ColumnBuilder, days: number): boolean {
  if (days < FIRST_DAY || days > LAST_DAY) return false
  out.tag(TAG_STRING)
  out.commit(writeDay(out.room(10), out.payloadUsed, days))
  return true
}

/** Whether writeTimestamp writes this TIMESTAMP (µs since 1970-01-01 00:00). */
export function timestampInRange(micros: bigint): boolean {
  const us = Number(micros)
  return Number.isSafeInteger(us) && us >= FIRST_DAY * MICROS_PER_DAY && us < (LAST_DAY + 1) * MICROS_PER_DAY
}

/**
 * A TIMESTAMP cell (µs since 1970-01-01 00:00) as `yyyy-mm-dd hh:mm:ss[.f]` (the fraction's trailing
 * zeros dropped), then `zone` ('+00' for a TIMESTAMPTZ printed in UTC); false, writing nothing,
 * outside years 1–9999 or ±(2^53−1) µs.
 */
export function writeTimestamp(out: ColumnBuilder, micros: bigint, zone = ''): boolean {
  if (!timestampInRange(micros)) return false
  const us = Number(micros)
  let days = Math.floor(us / MICROS_PER_DAY)
  // The float division may round across a day boundary: settle with exact integer arithmetic.
  let rest = us - days * MICROS_PER_DAY
  if (rest < 0) {
    days--
    rest += MICROS_PER_DAY
  } else if (rest >= MICROS_PER_DAY) {
    days++
    rest -= MICROS_PER_DAY
  }
  out.tag(TAG_STRING)
  const buf = out.room(32)
  let pos = writeDay(buf, out.payloadUsed, days)
  const fraction = rest % 1_000_000
  const seconds = (rest - fraction) / 1_000_000
  buf[pos++] = 0x20
  pos = two(buf, pos, Math.floor(seconds / 3600))
  buf[pos++] = 0x3a
  pos = two(buf, pos, Math.floor(seconds / 60) % 60)
  buf[pos++] = 0x3a
  pos = two(buf, pos, seconds % 60)
  if (fraction !== 0) {
    buf[pos++] = 0x2e
    for (let unit = 100_000, f = fraction; f !== 0; unit /= 10) {
      const digit = Math.floor(f / unit)
      buf[pos++] = ZERO + digit
      f -= digit * unit
    }
  }
  for (let i = 0; i < zone.length; i++) buf[pos++] = zone.charCodeAt(i)
  out.commit(pos)
  return true
}
