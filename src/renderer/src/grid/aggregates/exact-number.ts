import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import { isDecimalColumn } from '../view/sort-keys'

/** A number held exactly: `units / 10^scale`. */
export interface Exact {
  units: bigint
  scale: number
}

/** A cell's number: exact for integers and decimals, a double for floating-point values. */
export type CellNumber = { exact: Exact } | { float: number }

const DECIMAL_TEXT = /^([-+]?)(\d*)(?:\.(\d*))?$/

/** Parses decimal text (`-12.50`) exactly, or null. */
export function parseDecimal(text: string): Exact | null {
  const match = DECIMAL_TEXT.exec(text.trim())
  if (!match || (match[2] === '' && !match[3])) return null
  const fraction = match[3] ?? ''
  const units = BigInt(`${match[2] || '0'}${fraction}`)
  return { units: match[1] === '-' ? -units : units, scale: fraction.length }
}

/**
 * The number a cell holds, or null when it holds none. JS integers, `int`-tagged big integers,
 * decimal text of a decimal column and BSON Long/Decimal128 are exact; other JS numbers and
 * `float` tags are doubles.
 */
export function cellNumber(value: WireValue, column: ResultColumn | undefined): CellNumber | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { exact: { units: BigInt(value), scale: 0 } } : { float: value }
  }
  if (typeof value === 'string') {
    if (!isDecimalColumn(column)) return null
    const exact = parseDecimal(value)
    return exact ? { exact } : null
  }
  if (value === null || typeof value === 'boolean') return null
  if (value.$ === 'int') return { exact: { units: BigInt(value.v), scale: 0 } }
  if (value.$ === 'float') return { float: Number(value.v) }
  if (value.$ === 'bson' && (value.t === 'Long' || value.t === 'Decimal128')) {
    const exact = parseDecimal(value.v)
    return exact ? { exact } : null
  }
  return null
}

const TEN = 10n

/** `a` at a larger scale (same value). */
export const rescale = (a: Exact, scale: number): bigint => a.units * TEN ** BigInt(scale - a.scale)

export function addExact(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale)
  return { units: rescale(a, scale) + rescale(b, scale), scale }
}

export function compareExact(a: Exact, b: Exact): number {
  const scale = Math.max(a.scale, b.scale)
  const [x, y] = [rescale(a, scale), rescale(b, scale)]
  return x < y ? -1 : x > y ? 1 : 0
}

/** `a / n` rounded half away from zero to `scale` fractional digits. */
export function divideExact(a: Exact, n: bigint, scale: number): Exact {
  // a / n at `scale` digits = round(units * 10^scale / (10^a.scale * n)).
  const up = scale - a.scale
  const numerator = up >= 0 ? a.units * TEN ** BigInt(up) : a.units
  const divisor = up >= 0 ? n : n * TEN ** BigInt(-up)
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  let quotient = magnitude / divisor
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n
  return { units: negative ? -quotient : quotient, scale }
}

/** Exact decimal text: every digit, trailing fractional zeros dropped. */
export function exactText(a: Exact): string {
  const negative = a.units < 0n
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0')
  const whole = digits.slice(0, digits.length - a.scale)
  const fraction = digits.slice(digits.length - a.scale).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

export const exactToNumber = (a: Exact): number => Number(exactText(a))
