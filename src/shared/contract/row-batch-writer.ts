import {
  BSON_CODES,
  MAX_BATCH_ROWS,
  RowBatchError,
  TAG_BSON,
  TAG_BSON_SUB,
  TAG_BYTES,
  TAG_BYTES_CUT,
  TAG_FALSE,
  TAG_FLOAT,
  TAG_INT,
  TAG_STRING,
  TAG_TRUE,
} from './row-batch'
import type { EncodedRows } from './row-batch'
import { ColumnBuilder } from './row-batch-column'
import { batchByteLength, layoutBatch } from './row-batch-layout'
import { writeHex } from './row-batch-text'
import type { BsonTag, WireValue } from './values'

/**
 * Builds row batches (layout in row-batch.ts) one cell at a time, in row-major order: the cells
 * of a row left to right, then endRow(). No object per row or cell; the column buffers are kept
 * between batches, so one writer per stream is reused by finish().
 */
export class RowBatchWriter {
  private readonly columns: ColumnBuilder[]
  private col = 0
  private rows = 0

  /** `encode: false` keeps every column in its plain kind (no DICT or PACKED; tests of the plain layout). */
  constructor(
    readonly columnCount: number,
    { encode = true }: { encode?: boolean } = {},
  ) {
    this.columns = Array.from({ length: columnCount }, () => new ColumnBuilder(encode))
  }

  /** Rows ended so far in this batch. */
  get rowCount(): number {
    return this.rows
  }

  /**
   * The size the batch would have if finished now. It chooses the encodings (DICT, PACKED: it may
   * compress a column), so ask once per batch, not after every row.
   */
  get byteLength(): number {
    return batchByteLength(this.columns)
  }

  null(): void {
    this.next().null()
  }

  bool(b: boolean): void {
    this.next().tag(b ? TAG_TRUE : TAG_FALSE)
  }

  /** Any JS number, kept exactly (-0 and NaN included). */
  number(n: number): void {
    this.next().number(n)
  }

  text(s: string): void {
    this.next().text(TAG_STRING, s)
  }

  /** Text given as UTF-8 bytes buf[start, end) (straight from a packet). */
  textUtf8(buf: Uint8Array, start: number, end: number): void {
    this.next().raw(TAG_STRING, buf, start, end)
  }

  /** An integer outside ±(2^53−1), as its decimal digits. */
  intText(digits: string): void {
    this.next().text(TAG_INT, digits)
  }

  /** An integer outside ±(2^53−1), as the ASCII digits buf[start, end). */
  intUtf8(buf: Uint8Array, start: number, end: number): void {
    this.next().raw(TAG_INT, buf, start, end)
  }

  /** Binary data buf[start, end): the first bytes of a value `fullLength` bytes long. */
  bytes(buf: Uint8Array, start: number, end: number, fullLength = end - start): void {
    if (fullLength === end - start) this.next().raw(TAG_BYTES, buf, start, end)
    else this.next().raw(TAG_BYTES_CUT, buf, start, end, fullLength)
  }

  /** Binary data given as hex (the WireValue form). */
  bytesHex(hex: string, fullLength: number): void {
    const column = this.next()
    const cut = fullLength !== hex.length / 2
    column.tag(cut ? TAG_BYTES_CUT : TAG_BYTES)
    const out = column.room(hex.length / 2 + 8)
    let pos = column.payloadUsed
    if (cut) {
      new DataView(out.buffer).setFloat64(pos, fullLength, true)
      pos += 8
    }
    const end = writeHex(hex, out, pos)
    if (end < 0) throw new RowBatchError(`bytes value is not hex: ${JSON.stringify(hex.slice(0, 40))}`)
    column.commit(end)
  }

  /** 'Infinity', '-Infinity' or 'NaN'. */
  floatText(text: string): void {
    this.next().text(TAG_FLOAT, text)
  }

  bson(tag: BsonTag, text: string, sub?: number): void {
    const code = BSON_CODES.get(tag)
    if (code === undefined) throw new RowBatchError(`unknown bson type ${JSON.stringify(tag)}`)
    if (sub === undefined) return this.next().text(TAG_BSON, text, code)
    if (!Number.isInteger(sub) || sub < 0 || sub > 255) throw new RowBatchError(`bson subtype ${sub} is not a byte`)
    this.next().text(TAG_BSON_SUB, text, code, sub)
  }

  /** Any WireValue (the generic path; drivers call the typed appends above). */
  value(v: WireValue): void {
    if (v === null) return this.null()
    switch (typeof v) {
      case 'number':
        return this.number(v)
      case 'string':
        return this.text(v)
      case 'boolean':
        return this.bool(v)
    }
    switch (v.$) {
      case 'int':
        return this.intText(v.v)
      case 'bytes':
        return this.bytesHex(v.v, v.n)
      case 'float':
        return this.floatText(v.v)
      case 'bson':
        return this.bson(v.t, v.v, v.sub)
    }
    throw new RowBatchError(`not a cell value: ${JSON.stringify(v)}`)
  }

  /** Ends the row; every column must have had its cell. */
  endRow(): void {
    if (this.col !== this.columnCount)
      throw new RowBatchError(`row ${this.rows} has ${this.col} cells, expected ${this.columnCount}`)
    if (this.rows === MAX_BATCH_ROWS) throw new RowBatchError(`a batch holds at most ${MAX_BATCH_ROWS} rows`)
    this.col = 0
    this.rows++
  }

  /** The batch (one exact-size buffer); the writer is then empty, ready for the next batch. */
  finish(): EncodedRows {
    if (this.col !== 0) throw new RowBatchError(`finish() inside row ${this.rows} (call endRow first)`)
    const batch = layoutBatch(this.columns, this.rows)
    for (const column of this.columns) column.reset()
    this.rows = 0
    return batch
  }

  /** Drops what was written since the last finish (also a row left half-written by an error). */
  clear(): void {
    for (const column of this.columns) column.reset()
    this.col = 0
    this.rows = 0
  }

  private next(): ColumnBuilder {
    const column = this.columns[this.col++]
    if (column) return column
    this.col--
    throw new RowBatchError(`row ${this.rows} has more than ${this.columnCount} cells`)
  }
}
