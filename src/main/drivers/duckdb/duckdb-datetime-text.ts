/**
 * DATE and TIMESTAMP text as DuckDB (and its node API's toString) prints them, computed from the
 * stored days or microseconds without a value object, for years 1–9999. Outside that range (BC
 * dates, infinity, beyond ±2^53 µs) these return null and the caller uses the node API's value.
 */
const MS_PER_DAY = 86_400_000
const MICROS_PER_DAY = 86_400_000_000
/** 0001-01-01 and 9999-12-31 as days since 1970-01-01. */
const FIRST_DAY = -719_162
const LAST_DAY = 2_932_896

const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

function dayText(days: number): string {
  const date = new Date(days * MS_PER_DAY)
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`
}

/** A DATE (days since 1970-01-01), or null outside years 1–9999. */
export function dateText(days: number): string | null {
  return days >= FIRST_DAY && days <= LAST_DAY ? dayText(days) : null
}

/** A TIMESTAMP (µs since 1970-01-01 00:00), or null outside years 1–9999 or ±(2^53−1) µs. */
export function timestampText(micros: bigint): string | null {
  const us = Number(micros)
  if (!Number.isSafeInteger(us)) return null
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
  if (days < FIRST_DAY || days > LAST_DAY) return null
  const fraction = rest % 1_000_000
  const seconds = (rest - fraction) / 1_000_000
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  const digits = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`
  return `${dayText(days)} ${time}${digits}`
}
