import { DuckDBBlobValue, DuckDBDecimalType, DuckDBTypeId } from '@duckdb/node-api'
import type { DuckDBDataChunk, DuckDBType, DuckDBValue } from '@duckdb/node-api'
import bindings from '@duckdb/node-bindings'
// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import { TAG_BYTES, TAG_FALSE, TAG_FLOAT, TAG_INT, TAG_STRING, TAG_TRUE } from '../../../shared/contract/row-batch'
import type { ColumnBuilder } from '../../../shared/contract/row-batch-column'
import { timestampInRange, writeDate, writeTimestamp } from './duckdb-datetime-text'
import { decimalText, writeDecimal } from './duckdb-decimal-text'

/** Writes rows [from, to) of one column of a fetched chunk into a batch column. */
export type ColumnReader = (out: ColumnBuilder, from: number, to: number) => void

/** One cell as the node API reads it (or the text DuckDB cast it to), in its exact wire form (see WireValue). */
export function writeValue(out: ColumnBuilder, cell: DuckDBValue): void {
  switch (typeof cell) {
    case 'bigint':
      return bigint(out, cell)
    case 'number':
      return float(out, cell)
    case 'boolean':
      return out.tag(cell ? TAG_TRUE : TAG_FALSE)
    case 'string':
      return out.text(TAG_STRING, cell)
    default:
      if (cell === null) return out.null()
      if (cell instanceof DuckDBBlobValue) return out.raw(TAG_BYTES, cell.bytes, 0, cell.bytes.length)
      // DECIMAL(38) digits, INTERVAL, UUID, dates and times: the text DuckDB prints for them.
      return out.text(TAG_STRING, cell.toString())
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER
const bigint = (out: ColumnBuilder, v: bigint): void => {
  const n = Number(v)
  // Beyond ±(2^53−1) Number() rounds away from the safe range, never into it.
  if (n <= MAX_SAFE && n >= -MAX_SAFE) out.number(n)
  else out.text(TAG_INT, v.toString())
}
const float = (out: ColumnBuilder, n: number): void =>
  Number.isFinite(n) ? out.number(n) : out.text(TAG_FLOAT, String(n))

type Numbers =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array
type NumbersClass = { new (buffer: ArrayBuffer, offset: number, length: number): Numbers; BYTES_PER_ELEMENT: number }
const NUMBER_ARRAYS: Partial<Record<DuckDBTypeId, NumbersClass>> = {
  [DuckDBTypeId.TINYINT]: Int8Array,
  [DuckDBTypeId.UTINYINT]: Uint8Array,
  [DuckDBTypeId.SMALLINT]: Int16Array,
  [DuckDBTypeId.USMALLINT]: Uint16Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.UINTEGER]: Uint32Array,
  [DuckDBTypeId.FLOAT]: Float32Array,
  [DuckDBTypeId.DOUBLE]: Float64Array,
}
/** A string_t: u32 length, then the bytes inline (up to 12) or a 4-byte prefix and a pointer. */
const STRING_BYTES = 16
const INLINE_MAX = 12

/**
 * The reader of column `c` of `chunk`. Numbers, booleans, VARCHAR and BLOB are read straight from
 * DuckDB's column vector (its data and validity bitmap through the C API's bindings): no value
 * object per cell, and text goes from DuckDB's UTF-8 bytes to the batch's without becoming a JS
 * string. Every other type goes through the node API's values (`cast`: the column's VARCHAR cast
 * by DuckDB, for the types whose text DuckDB must print), cell by cell.
 */
export function columnReader(
  chunk: DuckDBDataChunk,
  c: number,
  type: DuckDBType,
  cast?: readonly DuckDBValue[],
): ColumnReader {
  if (cast) return values(cast)
  const rows = chunk.rowCount
  const vector = bindings.data_chunk_get_vector(chunk.chunk, c)
  const validity = bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8) as Uint8Array | null
  const valid = (r: number): boolean => !validity || (validity[r >> 3]! & (1 << (r & 7))) !== 0
  const data = (width: number): Uint8Array => bindings.vector_get_data(vector, rows * width)
  const typeId = type.typeId
  const Numbers = NUMBER_ARRAYS[typeId]
  if (Numbers) {
    const bytes = data(Numbers.BYTES_PER_ELEMENT)
    const items = new Numbers(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (valid(r)) float(out, items[r]!)
        else out.null()
      }
    }
  }
  if (typeId === DuckDBTypeId.BIGINT || typeId === DuckDBTypeId.UBIGINT) {
    const bytes = data(8)
    const Items = typeId === DuckDBTypeId.BIGINT ? BigInt64Array : BigUint64Array
    const items = new Items(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (valid(r)) bigint(out, items[r]!)
        else out.null()
      }
    }
  }
  if (typeId === DuckDBTypeId.BOOLEAN && bindings.sizeof_bool === 1) {
    const items = data(1)
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (valid(r)) out.tag(items[r] ? TAG_TRUE : TAG_FALSE)
        else out.null()
      }
    }
  }
  if (type instanceof DuckDBDecimalType && type.width >= 1 && type.width <= 18) {
    // Stored as a scaled integer in 2, 4 or 8 bytes by width (HUGEINT-backed ones go by values).
    const { width, scale } = type
    const Items = width <= 4 ? Int16Array : width <= 9 ? Int32Array : BigInt64Array
    const bytes = data(Items.BYTES_PER_ELEMENT)
    const items = new Items(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (!valid(r)) {
          out.null()
          continue
        }
        const item = items[r]!
        const safe = typeof item === 'number' ? item : Number(item)
        // Beyond ±(2^53−1) Number() rounds away from the safe range, never into it.
        if (Number.isSafeInteger(safe)) writeDecimal(out, safe, scale)
        else out.text(TAG_STRING, decimalText(item, scale))
      }
    }
  }
  if (typeId === DuckDBTypeId.DATE || typeId === DuckDBTypeId.TIMESTAMP) {
    const date = typeId === DuckDBTypeId.DATE
    const bytes = data(date ? 4 : 8)
    const items = date
      ? new Int32Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
      : new BigInt64Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
    let read: readonly DuckDBValue[] | null = null
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (!valid(r)) {
          out.null()
          continue
        }
        const item = items[r]!
        // BC, infinity, far dates: the node API's own text.
        if (!(typeof item === 'number' ? writeDate(out, item) : writeTimestamp(out, item)))
          writeValue(out, (read ??= chunk.getColumnValues(c))[r]!)
      }
    }
  }
  if (typeId === DuckDBTypeId.VARCHAR || typeId === DuckDBTypeId.BLOB) {
    const tag = typeId === DuckDBTypeId.VARCHAR ? TAG_STRING : TAG_BYTES
    const bytes = data(STRING_BYTES)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return (out, from, to) => {
      for (let r = from; r < to; r++) {
        if (!valid(r)) {
          out.null()
          continue
        }
        const at = r * STRING_BYTES
        const length = view.getUint32(at, true)
        if (length <= INLINE_MAX) out.raw(tag, bytes, at + 4, at + 4 + length)
        else {
          const heap = bindings.get_data_from_pointer(bytes.buffer as ArrayBuffer, bytes.byteOffset + at + 8, length)
          out.raw(tag, heap, 0, length)
        }
      }
    }
  }
  let read: readonly DuckDBValue[] | null = null
  return (out, from, to) => values((read ??= chunk.getColumnValues(c)))(out, from, to)
}

const values =
  (cells: readonly DuckDBValue[]): ColumnReader =>
  (out, from, to) => {
    for (let r = from; r < to; r++) writeValue(out, cells[r]!)
  }

/**
 * A TIMESTAMPTZ column read in a session whose TimeZone is UTC: each value's text is the UTC
 * time and `+00`, as DuckDB prints it there, made from the stored microseconds. Null (the caller
 * casts instead) when a value is outside what writeTimestamp covers (BC, infinity, far years).
 */
export function utcTimestampReader(chunk: DuckDBDataChunk, c: number): ColumnReader | null {
  const rows = chunk.rowCount
  const vector = bindings.data_chunk_get_vector(chunk.chunk, c)
  const validity = bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8) as Uint8Array | null
  const bytes = bindings.vector_get_data(vector, rows * 8)
  const items = new BigInt64Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows)
  const valid = (r: number): boolean => !validity || (validity[r >> 3]! & (1 << (r & 7))) !== 0
  for (let r = 0; r < rows; r++) if (valid(r) && !timestampInRange(items[r]!)) return null
  return (out, from, to) => {
    for (let r = from; r < to; r++) {
      if (valid(r)) writeTimestamp(out, items[r]!, '+00')
      else out.null()
    }
  }
}
