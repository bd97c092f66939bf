import { encodeRows } from '../../../shared/contract'
import type { EncodedRows, WireValue } from '../../../shared/contract'

/**
 * Turns the server's text for one non-NULL cell into its wire value (see WireValue), for the few
 * types whose wire value is not the text itself. Everything else (numeric, dates, times,
 * intervals, json, arrays, enums…) stays exactly the text psql shows: nothing is rounded, shifted
 * or reformatted.
 */
export type CellConverter = (text: string) => WireValue

/** Built-in type OIDs with their own wire form (fixed in every PostgreSQL). */
export const TYPE_OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
} as const

/** int2, int4, oid: always exact as JSON numbers. */
const integer: CellConverter = (text) => +text

/** int8: a number within ±(2^53−1), else the exact decimal text, tagged. */
const bigint: CellConverter = (text) => {
  const value = +text
  return text.length < 16 || Number.isSafeInteger(value) ? value : { $: 'int', v: text }
}

/**
 * float4/float8: the server prints the shortest text that reads back as the same double, so the
 * number is exact. NaN, ±Infinity and -0 (which JSON.stringify would write as 0) are tagged.
 */
const float: CellConverter = (text) => {
  const value = +text
  return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: 'float', v: text }
}

const bool: CellConverter = (text) => text === 't'

/** bytea as hex (`\x…`, the default bytea_output), or the old escape format decoded. */
const bytea: CellConverter = (text) => {
  const hex = text.startsWith('\\x') ? text.slice(2) : unescapeBytea(text).toString('hex')
  return { $: 'bytes', v: hex, n: hex.length / 2 }
}

/** bytea_output = 'escape': printable ASCII as is, `\\` for a backslash, `\ooo` octal otherwise. */
function unescapeBytea(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length;) {
    if (text[i] !== '\\') {
      bytes.push(text.charCodeAt(i))
      i += 1
    } else if (text[i + 1] === '\\') {
      bytes.push(92)
      i += 2
    } else {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8))
      i += 4
    }
  }
  return Buffer.from(bytes)
}

const CONVERTERS = new Map<number, CellConverter>([
  [TYPE_OID.bool, bool],
  [TYPE_OID.bytea, bytea],
  [TYPE_OID.int8, bigint],
  [TYPE_OID.int2, integer],
  [TYPE_OID.int4, integer],
  [TYPE_OID.oid, integer],
  [TYPE_OID.float4, float],
  [TYPE_OID.float8, float],
])

/** The converter for a result column of this type, or null: its text is its wire value. */
export const converterFor = (typeOid: number): CellConverter | null => CONVERTERS.get(typeOid) ?? null

/**
 * Converts the cells of one row (pg's text fields, null for NULL) in place, only in the columns
 * that have a converter: a row of text columns costs nothing here.
 */
export function convertRow(
  fields: (WireValue | undefined)[],
  columns: readonly number[],
  converters: readonly (CellConverter | null)[],
): WireValue[] {
  for (let k = 0; k < columns.length; k++) {
    const i = columns[k]!
    const text = fields[i]
    if (typeof text === 'string') fields[i] = converters[i]!(text)
  }
  return fields as WireValue[]
}

/** A batch of converted rows (the generic writer; a text-protocol writer may replace it). */
export const encodeBatch = (rows: readonly (readonly WireValue[])[]): EncodedRows => encodeRows(rows)
