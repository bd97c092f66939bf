// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import { TAG_STRING } from '../../../shared/contract/row-batch'
import type { ColumnBuilder } from '../../../shared/contract/row-batch-column'

/** A DECIMAL's scaled integer as DuckDB prints it: every fraction digit of its scale, '0' before the point. */
export function decimalText(scaled: number | bigint, scale: number): string {
  const negative = scaled < 0
  let digits = (negative ? -scaled : scaled).toString()
  if (scale === 0) return negative ? `-${digits}` : digits
  if (digits.length <= scale) digits = digits.padStart(scale + 1, '0')
  const point = digits.length - scale
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Digits of one value, least significant first (a safe integer has at most 16). */
const digits = new Uint8Array(48)

/**
 * decimalText of a scaled integer within ±(2^53−1), written as ASCII straight into a batch column
 * (no string per cell).
 */
export function writeDecimal(out: ColumnBuilder, scaled: number, scale: number): void {
  let n = Math.abs(scaled)
  let count = 0
  do {
    digits[count++] = n % 10
    n = Math.floor(n / 10)
  } while (n > 0)
  while (count <= scale) digits[count++] = 0
  out.tag(TAG_STRING)
  const buf = out.room(count + 2)
  let pos = out.payloadUsed
  if (scaled < 0) buf[pos++] = 0x2d
  for (let i = count - 1; i >= 0; i--) {
    buf[pos++] = 0x30 + digits[i]!
    if (i === scale && scale > 0) buf[pos++] = 0x2e
  }
  out.commit(pos)
}
