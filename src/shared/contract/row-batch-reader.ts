import {
  BSON_TAGS,
  COLUMN_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  KIND_F64,
  KIND_NULL,
  KIND_TAGGED,
  MAGIC_0,
  MAGIC_1,
  MAGIC_2,
  MAX_BATCH_ROWS,
  RowBatchError,
  TAG_BSON,
  TAG_BSON_SUB,
  TAG_BYTES,
  TAG_BYTES_CUT,
  TAG_FALSE,
  TAG_FLOAT,
  TAG_INT,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TAG_TRUE,
  TEXT_UTF16,
} from './row-batch'
import type { EncodedRows } from './row-batch'
import { hexOf, readUtf16, readUtf8 } from './row-batch-text'
import { ABSENT_FIELD } from './values'
import type { BsonTag, WireValue } from './values'

type Column =
  | { kind: typeof KIND_NULL }
  | { kind: typeof KIND_F64; nulls: Uint8Array | null; values: Float64Array }
  | { kind: typeof KIND_TAGGED; tags: Uint8Array; offsets: Uint32Array; payload: number; size: number }

/** A batch opened for reading: cells are decoded one at a time, when asked for. */
export interface RowBatchReader {
  readonly rowCount: number
  readonly columnCount: number
  readonly byteLength: number
  /** The value at (row, col); throws RowBatchError outside the batch or on a malformed cell. */
  cell(row: number, col: number): WireValue
  /** Every cell of one row. */
  row(row: number): WireValue[]
}

/**
 * Opens a batch: checks its header and column directory (O(columns)), then reads cells lazily
 * through typed-array views. A batch not starting 8-aligned is copied once. Throws RowBatchError
 * with what is wrong for anything that does not follow the layout.
 */
export function readBatch(batch: Uint8Array): RowBatchReader {
  const bytes = batch.byteOffset % 8 === 0 ? batch : batch.slice()
  const length = bytes.byteLength
  if (length < HEADER_BYTES) throw new RowBatchError(`${length} bytes is shorter than a header`)
  if (bytes[0] !== MAGIC_0 || bytes[1] !== MAGIC_1 || bytes[2] !== MAGIC_2)
    throw new RowBatchError('not a row batch (bad magic)')
  if (bytes[3] !== FORMAT_VERSION) throw new RowBatchError(`format version ${bytes[3]} is not supported`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, length)
  const rowCount = view.getUint32(4, true)
  const columnCount = view.getUint32(8, true)
  if (view.getUint32(12, true) !== length)
    throw new RowBatchError(`header says ${view.getUint32(12, true)} bytes, got ${length}`)
  if (rowCount > MAX_BATCH_ROWS) throw new RowBatchError(`${rowCount} rows is over the limit`)
  if (HEADER_BYTES + columnCount * COLUMN_ENTRY_BYTES > length)
    throw new RowBatchError(`${columnCount} columns do not fit in ${length} bytes`)
  const section = (offset: number, size: number, what: string, c: number): number => {
    if (offset % 8 !== 0 || offset < HEADER_BYTES || offset + size > length)
      throw new RowBatchError(`column ${c}: ${what} section at ${offset} (+${size}) is outside the batch`)
    return offset
  }
  const columns: Column[] = []
  for (let c = 0; c < columnCount; c++) {
    const entry = HEADER_BYTES + c * COLUMN_ENTRY_BYTES
    const kind = view.getUint32(entry, true)
    const [a, b, p] = [
      view.getUint32(entry + 4, true),
      view.getUint32(entry + 8, true),
      view.getUint32(entry + 12, true),
    ]
    if (kind === KIND_NULL) columns.push({ kind })
    else if (kind === KIND_F64) {
      const nulls =
        a === 0 ? null : bytes.subarray(section(a, (rowCount + 7) >> 3, 'null', c), a + ((rowCount + 7) >> 3))
      const values = new Float64Array(bytes.buffer, bytes.byteOffset + section(b, rowCount * 8, 'value', c), rowCount)
      columns.push({ kind, nulls, values })
    } else if (kind === KIND_TAGGED) {
      const tags = bytes.subarray(section(a, rowCount, 'tag', c), a + rowCount)
      const offsets = new Uint32Array(
        bytes.buffer,
        bytes.byteOffset + section(b, (rowCount + 1) * 4, 'offset', c),
        rowCount + 1,
      )
      const size = offsets[rowCount]!
      columns.push({ kind, tags, offsets, payload: section(p, size, 'payload', c), size })
    } else throw new RowBatchError(`column ${c} has unknown kind ${kind}`)
  }

  const cell = (row: number, col: number): WireValue => {
    const column = columns[col]
    if (!column || !(row >= 0 && row < rowCount))
      throw new RowBatchError(`cell (${row}, ${col}) is outside a batch of ${rowCount}×${columnCount}`)
    if (column.kind === KIND_NULL) return null
    if (column.kind === KIND_F64)
      return column.nulls && (column.nulls[row >> 3]! & (1 << (row & 7))) !== 0 ? null : column.values[row]!
    const tag = column.tags[row]!
    const from = column.offsets[row]!
    const to = column.offsets[row + 1]!
    if (from > to || to > column.size)
      throw new RowBatchError(`cell (${row}, ${col}) has payload [${from}, ${to}) outside its ${column.size} bytes`)
    return decodeCell(bytes, view, tag, column.payload + from, column.payload + to, row, col)
  }
  return {
    rowCount,
    columnCount,
    byteLength: length,
    cell,
    row: (row) => Array.from({ length: columnCount }, (_, col) => cell(row, col)),
  }
}

function decodeCell(
  bytes: Uint8Array,
  view: DataView,
  tag: number,
  from: number,
  to: number,
  row: number,
  col: number,
): WireValue {
  const text = (start: number): string => (tag & TEXT_UTF16 ? readUtf16(bytes, start, to) : readUtf8(bytes, start, to))
  const need = (n: number): void => {
    if (to - from < n) throw new RowBatchError(`cell (${row}, ${col}) with tag ${tag} has ${to - from} payload bytes`)
  }
  const base = tag & ~TEXT_UTF16
  if (tag & TEXT_UTF16 && !(base === TAG_STRING || base === TAG_INT || base === TAG_FLOAT || base >= TAG_BSON))
    throw new RowBatchError(`cell (${row}, ${col}) has unknown tag ${tag}`)
  switch (base) {
    case TAG_NULL:
      return null
    case TAG_FALSE:
      return false
    case TAG_TRUE:
      return true
    case TAG_NUMBER:
      need(8)
      return view.getFloat64(from, true)
    case TAG_STRING:
      return text(from)
    case TAG_INT:
      return { $: 'int', v: text(from) }
    case TAG_FLOAT:
      return { $: 'float', v: text(from) }
    case TAG_BYTES:
      return { $: 'bytes', v: hexOf(bytes, from, to), n: to - from }
    case TAG_BYTES_CUT:
      need(8)
      return { $: 'bytes', v: hexOf(bytes, from + 8, to), n: view.getFloat64(from, true) }
    case TAG_BSON:
    case TAG_BSON_SUB: {
      need(base === TAG_BSON ? 1 : 2)
      const t = BSON_TAGS[bytes[from]!] as BsonTag | undefined
      if (t === undefined) throw new RowBatchError(`cell (${row}, ${col}) has unknown bson code ${bytes[from]}`)
      if (base === TAG_BSON)
        return t === 'Absent' && to === from + 1 ? ABSENT_FIELD : { $: 'bson', t, v: text(from + 1) }
      return { $: 'bson', t, v: text(from + 2), sub: bytes[from + 1]! }
    }
  }
  throw new RowBatchError(`cell (${row}, ${col}) has unknown tag ${tag}`)
}

/** Every row of a batch, decoded (export, edits, execute(): consumers that need all of them). */
export function decodeRows(batch: EncodedRows): WireValue[][] {
  const reader = readBatch(batch)
  return Array.from({ length: reader.rowCount }, (_, r) => reader.row(r))
}
