import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'

/** Where a value sorts: numbers, then text, then binary; NULL always last. */
export const enum Rank {
  Number = 0,
  Text = 1,
  Bytes = 2,
  Null = 3,
}

/** One column's values, prepared once so a comparison is a few array reads. */
export interface SortKeys {
  rank: Uint8Array
  /** The number (approximate for exact values: ties are settled by `exact`). */
  num: Float64Array
  /** Text of text and binary values; exact digits of integers and decimals beyond a double's precision. */
  text: (string | undefined)[]
}

// Exact numerics travel as strings (no digit lost); in such a column they sort as numbers.
const DECIMAL_TYPE = /^(numeric|decimal|number|money|dec|smallmoney)\b/i
const DECIMAL_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)$/

export const isDecimalColumn = (column: ResultColumn | undefined): boolean =>
  column?.type != null && DECIMAL_TYPE.test(column.type.trim())

/** Allocates keys for `count` rows. */
export function allocateKeys(count: number): SortKeys {
  return { rank: new Uint8Array(count), num: new Float64Array(count), text: new Array<string | undefined>(count) }
}

/** Fills slot i of the keys from a value. */
export function setKey(keys: SortKeys, i: number, value: WireValue, decimal: boolean): void {
  if (value === null) {
    keys.rank[i] = Rank.Null
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    keys.rank[i] = Rank.Number
    keys.num[i] = Number(value)
  } else if (typeof value === 'string') {
    if (decimal && DECIMAL_TEXT.test(value)) {
      keys.rank[i] = Rank.Number
      keys.num[i] = Number(value)
      keys.text[i] = value
    } else {
      keys.rank[i] = Rank.Text
      keys.text[i] = value
    }
  } else if (value.$ === 'bytes') {
    keys.rank[i] = Rank.Bytes
    keys.text[i] = value.v
  } else {
    keys.rank[i] = Rank.Number
    keys.num[i] = value.$ === 'float' ? floatTag(value.v) : Number(value.v)
    if (value.$ === 'int') keys.text[i] = value.v
  }
}

function floatTag(text: string): number {
  return text === 'NaN' ? Number.NaN : text.startsWith('-') ? -Infinity : Infinity
}

/**
 * Compares slots a and b: direction applies to values, NULLs stay last either way, and equal
 * keys keep the rows' order (a stable sort without relying on the engine's).
 */
export function compareKeys(keys: SortKeys, a: number, b: number, descending: boolean): number {
  const ra = keys.rank[a]!
  const rb = keys.rank[b]!
  if (ra !== rb) {
    if (ra === Rank.Null || rb === Rank.Null) return ra === Rank.Null ? 1 : -1
    return descending ? rb - ra : ra - rb
  }
  let order = 0
  if (ra === Rank.Number) {
    const na = keys.num[a]!
    const nb = keys.num[b]!
    if (na < nb) order = -1
    else if (na > nb) order = 1
    else if (na !== nb) order = Number.isNaN(na) ? (Number.isNaN(nb) ? 0 : 1) : -1
    else {
      const ta = keys.text[a]
      const tb = keys.text[b]
      if (ta !== undefined || tb !== undefined) order = compareDecimal(ta ?? String(na), tb ?? String(nb))
    }
  } else if (ra !== Rank.Null) {
    const ta = keys.text[a]!
    const tb = keys.text[b]!
    order = ta < tb ? -1 : ta > tb ? 1 : 0
  }
  if (order !== 0) return descending ? -order : order
  return a - b
}

/** Compares two decimal texts exactly (sign, integer digits, then fraction digits). */
export function compareDecimal(a: string, b: string): number {
  const pa = parseDecimal(a)
  const pb = parseDecimal(b)
  if (!pa || !pb) return Math.sign(Number(a) - Number(b)) || 0
  if (pa.zero && pb.zero) return 0
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1
  const sign = pa.negative ? -1 : 1
  if (pa.int.length !== pb.int.length) return sign * (pa.int.length < pb.int.length ? -1 : 1)
  if (pa.int !== pb.int) return sign * (pa.int < pb.int ? -1 : 1)
  const width = Math.max(pa.frac.length, pb.frac.length)
  const fa = pa.frac.padEnd(width, '0')
  const fb = pb.frac.padEnd(width, '0')
  return fa === fb ? 0 : sign * (fa < fb ? -1 : 1)
}

function parseDecimal(text: string): { negative: boolean; int: string; frac: string; zero: boolean } | null {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) return null
  const int = match[2]!.replace(/^0+/, '')
  const frac = (match[3] ?? '').replace(/0+$/, '')
  const zero = int === '' && frac === ''
  return { negative: match[1] === '-' && !zero, int, frac, zero }
}
