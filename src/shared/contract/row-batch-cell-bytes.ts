import {
  COLUMN_ENTRY_BYTES,
  HEADER_BYTES,
  KIND_BOOL,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  KIND_NULL,
  KIND_TAGGED,
  TAG_FALSE,
  TAG_INT,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TAG_TRUE,
} from './row-batch'
import { textRange } from './row-batch-compact-read'
import { readBatch } from './row-batch-reader'

/** The cell of a column the batch does not have (a document that lacks the field). */
export const TAG_ABSENT_COLUMN = 0xff

/**
 * One batch opened for byte-wise comparison of its cells: cellBytes writes a cell in one canonical
 * form, the form a TAGGED column holds it in (tag byte, then payload), whatever compact kind the
 * writer chose for its column in this batch. Two cells are the same value exactly when their
 * canonical bytes are equal: an int32 written as I32 in one batch and F64 in another both read as
 * TAG_NUMBER + its float64; int64 digits, decimal text and binary bytes compare as they are; NULL
 * (one tag byte) is never equal to '' (TAG_STRING, no payload). No value object is made per cell.
 */
export class BatchCells {
  readonly rowCount: number
  readonly columnCount: number
  private readonly bytes: Uint8Array
  private readonly view: DataView
  /** Per column: kind, a, b, payload start. */
  private readonly dir: Int32Array
  private readonly scratch = new DataView(new ArrayBuffer(8))

  /** Checks the batch (readBatch's checks: throws RowBatchError when malformed), then reads its directory. */
  constructor(batch: Uint8Array) {
    const reader = readBatch(batch)
    this.rowCount = reader.rowCount
    this.columnCount = reader.columnCount
    this.bytes = batch
    this.view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
    this.dir = new Int32Array(this.columnCount * 4)
    for (let c = 0; c < this.columnCount; c++)
      for (let i = 0; i < 4; i++)
        this.dir[c * 4 + i] = this.view.getUint32(HEADER_BYTES + c * COLUMN_ENTRY_BYTES + i * 4, true)
  }

  /**
   * Writes cell (row, col) canonically into `out` from `pos`; returns the end position. `out` must
   * have room for the cell (cellSize tells); a column past the batch's last writes TAG_ABSENT_COLUMN.
   */
  write(row: number, col: number, out: Uint8Array, pos: number): number {
    if (col >= this.columnCount) {
      out[pos] = TAG_ABSENT_COLUMN
      return pos + 1
    }
    const { bytes, view, dir } = this
    const kind = dir[col * 4]!
    const a = dir[col * 4 + 1]!
    const b = dir[col * 4 + 2]!
    if (kind === KIND_NULL) {
      out[pos] = TAG_NULL
      return pos + 1
    }
    if (kind === KIND_TAGGED) {
      const from = view.getUint32(b + row * 4, true)
      const to = view.getUint32(b + row * 4 + 4, true)
      const p = dir[col * 4 + 3]!
      out[pos++] = bytes[a + row]!
      for (let i = p + from; i < p + to; i++) out[pos++] = bytes[i]!
      return pos
    }
    if (a !== 0 && (bytes[a + (row >> 3)]! & (1 << (row & 7))) !== 0) {
      out[pos] = TAG_NULL
      return pos + 1
    }
    switch (kind) {
      case KIND_F64:
        out[pos++] = TAG_NUMBER
        for (let i = b + row * 8; i < b + row * 8 + 8; i++) out[pos++] = bytes[i]!
        return pos
      case KIND_I32:
        return this.number(view.getInt32(b + row * 4, true), out, pos)
      case KIND_I64: {
        const n = view.getInt32(b + row * 8 + 4, true) * 4294967296 + view.getUint32(b + row * 8, true)
        if (Number.isSafeInteger(n)) return this.number(n, out, pos)
        const digits = view.getBigInt64(b + row * 8, true).toString()
        out[pos++] = TAG_INT
        for (let i = 0; i < digits.length; i++) out[pos++] = digits.charCodeAt(i)
        return pos
      }
      case KIND_BOOL:
        out[pos] = (bytes[b + (row >> 3)]! & (1 << (row & 7))) !== 0 ? TAG_TRUE : TAG_FALSE
        return pos + 1
    }
    const [from, to] = textRange(view, kind, b, row)
    const p = dir[col * 4 + 3]!
    out[pos++] = TAG_STRING
    for (let i = p + from; i < p + to; i++) out[pos++] = bytes[i]!
    return pos
  }

  /** The most bytes write() may need for cell (row, col). */
  cellSize(row: number, col: number): number {
    if (col >= this.columnCount) return 1
    const kind = this.dir[col * 4]!
    const b = this.dir[col * 4 + 2]!
    if (kind === KIND_TAGGED)
      return 1 + this.view.getUint32(b + row * 4 + 4, true) - this.view.getUint32(b + row * 4, true)
    if (kind === KIND_NULL || kind === KIND_BOOL) return 1
    if (kind === KIND_F64 || kind === KIND_I32) return 9
    if (kind === KIND_I64) return 21
    const [from, to] = textRange(this.view, kind, b, row)
    return 1 + to - from
  }

  private number(n: number, out: Uint8Array, pos: number): number {
    this.scratch.setFloat64(0, n, true)
    out[pos++] = TAG_NUMBER
    for (let i = 0; i < 8; i++) out[pos++] = this.scratch.getUint8(i)
    return pos
  }
}
