import {
  BSON_TAGS,
  COLUMN_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  KIND_DICT,
  KIND_F64,
  KIND_NULL,
  KIND_PACKED,
  KIND_TAGGED,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  MAGIC_0,
  MAGIC_1,
  MAGIC_2,
  MAX_BATCH_ROWS,
  OLDEST_VERSION,
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
import { compactCell, compactSections, textRange } from './row-batch-compact-read'
import { encodedColumn, encodedSections } from './row-batch-packed-read'
import type { EncodedColumnReader } from './row-batch-packed-read'
import { hexOf, readUtf16, readUtf8 } from './row-batch-text'
import { ABSENT_FIELD } from './values'
import type { BsonTag, WireValue } from './values'

/** Per column in BatchReader.dir: kind, a, b, payload start, payload size. */
const DIR = 5

/** A batch opened for reading: cells are decoded one at a time, when asked for. */
export interface RowBatchReader {
  readonly rowCount: number
  readonly columnCount: number
  readonly byteLength: number
  /** The value at (row, col); throws RowBatchError outside the batch or on a malformed cell. */
  cell(row: number, col: number): WireValue
  /** Every cell of one row. */
  row(row: number): WireValue[]
  /** Every cell of one column (whole-batch consumers: cheaper than cell by cell). */
  column(col: number): WireValue[]
}

/**
 * Opens a batch in place: checks its header and column directory (O(columns), no allocation per
 * column), then decodes a cell only when it is read, through one DataView (a typed-array view per
 * column measured slower to create than a batch is to read one cell from). Throws RowBatchError
 * saying what is wrong for anything that does not follow the layout; never reads out of bounds.
 */
export function readBatch(batch: Uint8Array): RowBatchReader {
  return new BatchReader(batch)
}

class BatchReader implements RowBatchReader {
  readonly rowCount: number
  readonly columnCount: number
  readonly byteLength: number
  private readonly view: DataView
  private readonly dir: number[]
  /** The encoded columns (DICT, PACKED) opened so far, by column. */
  private encoded: (EncodedColumnReader | undefined)[] | null = null

  constructor(private readonly bytes: Uint8Array) {
    const length = (this.byteLength = bytes.byteLength)
    if (length < HEADER_BYTES) throw new RowBatchError(`${length} bytes is shorter than a header`)
    if (bytes[0] !== MAGIC_0 || bytes[1] !== MAGIC_1 || bytes[2] !== MAGIC_2)
      throw new RowBatchError('not a row batch (bad magic)')
    if (bytes[3]! < OLDEST_VERSION || bytes[3]! > FORMAT_VERSION)
      throw new RowBatchError(`format version ${bytes[3]} is not supported`)
    const view = (this.view = new DataView(bytes.buffer, bytes.byteOffset, length))
    const rows = (this.rowCount = view.getUint32(4, true))
    const columns = (this.columnCount = view.getUint32(8, true))
    if (view.getUint32(12, true) !== length)
      throw new RowBatchError(`header says ${view.getUint32(12, true)} bytes, got ${length}`)
    if (rows > MAX_BATCH_ROWS) throw new RowBatchError(`${rows} rows is over the limit`)
    if (HEADER_BYTES + columns * COLUMN_ENTRY_BYTES > length)
      throw new RowBatchError(`${columns} columns do not fit in ${length} bytes`)
    const dir = (this.dir = new Array<number>(columns * DIR))
    for (let c = 0; c < columns; c++) {
      const entry = HEADER_BYTES + c * COLUMN_ENTRY_BYTES
      const kind = view.getUint32(entry, true)
      const a = view.getUint32(entry + 4, true)
      const b = view.getUint32(entry + 8, true)
      const p = view.getUint32(entry + 12, true)
      const section = (offset: number, size: number, what: string): void => {
        if (offset % 8 !== 0 || offset < HEADER_BYTES || offset + size > length)
          throw new RowBatchError(`column ${c}: ${what} section at ${offset} (+${size}) is outside the batch`)
      }
      let size = 0
      if (kind === KIND_F64) {
        if (a !== 0) section(a, (rows + 7) >> 3, 'null')
        section(b, rows * 8, 'value')
      } else if (kind === KIND_TAGGED) {
        section(a, rows, 'tag')
        section(b, (rows + 1) * 4, 'offset')
        size = view.getUint32(b + rows * 4, true)
        section(p, size, 'payload')
      } else if (kind > KIND_TAGGED && kind <= KIND_TEXT_FIXED) {
        if (a !== 0) section(a, (rows + 7) >> 3, 'null')
        const [payloadSize, sections] = compactSections(view, kind, b, p, rows)
        for (const [offset, bytes, what] of sections) section(offset, bytes, what)
        size = payloadSize
      } else if ((kind === KIND_DICT || kind === KIND_PACKED) && bytes[3] === FORMAT_VERSION) {
        for (const [offset, bytes, what] of encodedSections(view, kind, [a, b, p], rows)) section(offset, bytes, what)
      } else if (kind !== KIND_NULL) throw new RowBatchError(`column ${c} has unknown kind ${kind}`)
      dir[c * DIR] = kind
      dir[c * DIR + 1] = a
      dir[c * DIR + 2] = b
      dir[c * DIR + 3] = p
      dir[c * DIR + 4] = size
    }
  }

  cell(row: number, col: number): WireValue {
    if (!(row >= 0 && row < this.rowCount && col >= 0 && col < this.columnCount))
      throw new RowBatchError(`cell (${row}, ${col}) is outside a batch of ${this.rowCount}×${this.columnCount}`)
    const { dir, bytes, view } = this
    const d = col * DIR
    const kind = dir[d]
    if (kind === KIND_NULL) return null
    const a = dir[d + 1]!
    const b = dir[d + 2]!
    if (kind === KIND_F64)
      return a !== 0 && (bytes[a + (row >> 3)]! & (1 << (row & 7))) !== 0 ? null : view.getFloat64(b + row * 8, true)
    if (kind! >= KIND_DICT) return this.encodedColumn(col).cell(row)
    if (kind !== KIND_TAGGED) return compactCell(bytes, view, kind!, [a, b, dir[d + 3]!, dir[d + 4]!], row, col)
    const from = view.getUint32(b + row * 4, true)
    const to = view.getUint32(b + row * 4 + 4, true)
    const size = dir[d + 4]!
    if (from > to || to > size)
      throw new RowBatchError(`cell (${row}, ${col}) has payload [${from}, ${to}) outside its ${size} bytes`)
    const payload = dir[d + 3]!
    return decodeCell(bytes, view, bytes[a + row]!, payload + from, payload + to, row, col)
  }

  /**
   * Every cell of one column (whole-batch consumers). A text column whose payload is all ASCII is
   * decoded with one call and sliced: far cheaper than a decoder call per cell.
   */
  column(col: number): WireValue[] {
    const cells = new Array<WireValue>(this.rowCount)
    const d = col * DIR
    if (this.rowCount === 0) return cells
    const kind = this.dir[d]!
    const { bytes, view } = this
    const [a, b, payload, size] = [this.dir[d + 1]!, this.dir[d + 2]!, this.dir[d + 3]!, this.dir[d + 4]!]
    if (kind >= KIND_DICT) return this.encodedColumn(col).column()
    if (kind >= KIND_TEXT32) {
      const text = asciiText(bytes, payload, payload + size)
      for (let r = 0; r < this.rowCount; r++) {
        const [from, to] = textRange(view, kind, b, r)
        const isNull = a !== 0 && (bytes[a + (r >> 3)]! & (1 << (r & 7))) !== 0
        cells[r] = text !== null && !isNull && from <= to && to <= size ? text.slice(from, to) : this.cell(r, col)
      }
      return cells
    }
    if (kind !== KIND_TAGGED) {
      for (let r = 0; r < this.rowCount; r++) cells[r] = this.cell(r, col)
      return cells
    }
    const text = asciiText(bytes, payload, payload + size)
    for (let r = 0; r < this.rowCount; r++) {
      const from = view.getUint32(b + r * 4, true)
      const to = view.getUint32(b + r * 4 + 4, true)
      if (text !== null && bytes[a + r] === TAG_STRING && from <= to && to <= size) cells[r] = text.slice(from, to)
      else cells[r] = this.cell(r, col)
    }
    return cells
  }

  private encodedColumn(col: number): EncodedColumnReader {
    const encoded = (this.encoded ??= [])
    const d = col * DIR
    const dir = this.dir
    return (encoded[col] ??= encodedColumn(
      readBatch,
      this.bytes,
      dir[d]!,
      [dir[d + 1]!, dir[d + 2]!, dir[d + 3]!],
      this.rowCount,
    ))
  }

  row(row: number): WireValue[] {
    const cells = new Array<WireValue>(this.columnCount)
    for (let col = 0; col < this.columnCount; col++) cells[col] = this.cell(row, col)
    return cells
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
  // The common cells first, without closures: this runs once per cell read.
  if (tag === TAG_STRING) return readUtf8(bytes, from, to)
  if (tag === TAG_NUMBER && to - from >= 8) return view.getFloat64(from, true)
  if (tag === TAG_NULL) return null
  const base = tag & ~TEXT_UTF16
  const utf16 = base !== tag
  if (utf16 && !(base === TAG_STRING || base === TAG_INT || base === TAG_FLOAT || base >= TAG_BSON))
    throw new RowBatchError(`cell (${row}, ${col}) has unknown tag ${tag}`)
  const minimum =
    base === TAG_NUMBER || base === TAG_BYTES_CUT ? 8 : base === TAG_BSON ? 1 : base === TAG_BSON_SUB ? 2 : 0
  if (to - from < minimum)
    throw new RowBatchError(`cell (${row}, ${col}) with tag ${tag} has ${to - from} payload bytes`)
  switch (base) {
    case TAG_FALSE:
      return false
    case TAG_TRUE:
      return true
    case TAG_STRING:
      return readText(bytes, from, to, utf16)
    case TAG_INT:
      return { $: 'int', v: readText(bytes, from, to, utf16) }
    case TAG_FLOAT:
      return { $: 'float', v: readText(bytes, from, to, utf16) }
    case TAG_BYTES:
      return { $: 'bytes', v: hexOf(bytes, from, to), n: to - from }
    case TAG_BYTES_CUT:
      return { $: 'bytes', v: hexOf(bytes, from + 8, to), n: view.getFloat64(from, true) }
    case TAG_BSON:
    case TAG_BSON_SUB: {
      const t = BSON_TAGS[bytes[from]!] as BsonTag | undefined
      if (t === undefined) throw new RowBatchError(`cell (${row}, ${col}) has unknown bson code ${bytes[from]}`)
      if (base === TAG_BSON)
        return t === 'Absent' && to === from + 1
          ? ABSENT_FIELD
          : { $: 'bson', t, v: readText(bytes, from + 1, to, utf16) }
      return { $: 'bson', t, v: readText(bytes, from + 2, to, utf16), sub: bytes[from + 1]! }
    }
  }
  throw new RowBatchError(`cell (${row}, ${col}) has unknown tag ${tag}`)
}

const readText = (bytes: Uint8Array, from: number, to: number, utf16: boolean): string =>
  utf16 ? readUtf16(bytes, from, to) : readUtf8(bytes, from, to)

const latin1 = new TextDecoder('latin1')

/** bytes[start, end) as one string when every byte is ASCII (so byte offsets are string offsets), else null. */
function asciiText(bytes: Uint8Array, start: number, end: number): string | null {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return null
  return latin1.decode(bytes.subarray(start, end))
}
