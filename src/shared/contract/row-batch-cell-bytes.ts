import {
  COLUMN_ENTRY_BYTES,
  HEADER_BYTES,
  KIND_BOOL,
  KIND_DICT,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  KIND_NULL,
  KIND_PACKED,
  KIND_TAGGED,
  KIND_TEXT32,
  KIND_TEXT16,
  RowBatchError,
  TAG_FALSE,
  TAG_INT,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TAG_TRUE,
} from './row-batch'
import { decompressBlock } from './lz-block'
import { dictionaryOf, packedGroups, type PackedGroups } from './row-batch-packed-read'
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
  /** The payload range textRange found last (no tuple per cell: this runs for every cell of a diff). */
  private from = 0
  private to = 0
  /** DICT columns: their dictionary opened, by column (held while this is). */
  private readonly nested: (BatchCells | undefined)[] = []
  /** PACKED columns: their group table, and each group unpacked once read (held while this is). */
  private readonly packed: ({ table: PackedGroups; cells: (BatchCells | undefined)[] } | undefined)[] = []

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
    if (kind >= KIND_DICT) {
      const inner = this.innerRow(row, col)
      if (inner >= 0) return this.nestedOf(col, row).write(inner, 0, out, pos)
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
    this.textRange(kind, b, row)
    const p = dir[col * 4 + 3]!
    out[pos++] = TAG_STRING
    for (let i = p + this.from; i < p + this.to; i++) out[pos++] = bytes[i]!
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
    if (kind >= KIND_DICT) {
      const inner = this.innerRow(row, col)
      return inner >= 0 ? this.nestedOf(col, row).cellSize(inner, 0) : 1
    }
    if (kind === KIND_F64 || kind === KIND_I32) return 9
    if (kind === KIND_I64) return 21
    this.textRange(kind, b, row)
    return 1 + this.to - this.from
  }

  /**
   * True when cell (row, col) holds the same value as cell (otherRow, otherCol) of `other`. Where
   * both columns have the same layout (the usual case: one engine, one pipeline) the cells are
   * compared in place; else both are written canonically into the scratch buffers and compared.
   */
  same(row: number, col: number, other: BatchCells, otherRow: number, otherCol: number, scratch: CellScratch): boolean {
    const kind = col < this.columnCount ? this.dir[col * 4]! : -1
    const otherKind = otherCol < other.columnCount ? other.dir[otherCol * 4]! : -2
    if (kind === otherKind && kind >= KIND_DICT) {
      // Both encoded alike: compare the nested cells (dictionary rows, unpacked rows) in place.
      const inner = this.innerRow(row, col)
      const otherInner = other.innerRow(otherRow, otherCol)
      if (inner < 0 || otherInner < 0) return inner < 0 && otherInner < 0
      return this.nestedOf(col, row).same(inner, 0, other.nestedOf(otherCol, otherRow), otherInner, 0, scratch)
    }
    if (kind !== otherKind || kind === KIND_TAGGED || kind >= KIND_DICT)
      return this.sameWritten(row, col, other, otherRow, otherCol, scratch)
    if (kind === KIND_NULL) return true
    const nullHere = this.isNull(row, col)
    if (nullHere || other.isNull(otherRow, otherCol)) return nullHere && other.isNull(otherRow, otherCol)
    const b = this.dir[col * 4 + 2]!
    const ob = other.dir[otherCol * 4 + 2]!
    const x = this.bytes
    const y = other.bytes
    switch (kind) {
      case KIND_F64:
      case KIND_I64:
        for (let i = 0; i < 8; i++) if (x[b + row * 8 + i] !== y[ob + otherRow * 8 + i]) return false
        return true
      case KIND_I32:
        return this.view.getInt32(b + row * 4, true) === other.view.getInt32(ob + otherRow * 4, true)
      case KIND_BOOL:
        return ((x[b + (row >> 3)]! >> (row & 7)) & 1) === ((y[ob + (otherRow >> 3)]! >> (otherRow & 7)) & 1)
    }
    // Read this range before the other's: `other` may be this very object (a dictionary compared with itself).
    this.textRange(kind, b, row)
    const from = this.from
    const length = this.to - from
    other.textRange(kind, ob, otherRow)
    if (length !== other.to - other.from) return false
    const p = this.dir[col * 4 + 3]! + from
    const op = other.dir[otherCol * 4 + 3]! + other.from
    for (let i = 0; i < length; i++) if (x[p + i] !== y[op + i]) return false
    return true
  }

  private sameWritten(
    row: number,
    col: number,
    other: BatchCells,
    otherRow: number,
    otherCol: number,
    s: CellScratch,
  ): boolean {
    const x = s.need(0, this.cellSize(row, col))
    const length = this.write(row, col, x, 0)
    const y = s.need(1, other.cellSize(otherRow, otherCol))
    if (other.write(otherRow, otherCol, y, 0) !== length) return false
    for (let i = 0; i < length; i++) if (x[i] !== y[i]) return false
    return true
  }

  /** The row of an encoded column's nested batch that holds cell (row, col); -1 for a DICT null. */
  private innerRow(row: number, col: number): number {
    if (this.dir[col * 4] === KIND_PACKED) return row % this.packedOf(col).table.groupRows
    if (this.isNull(row, col)) return -1
    const code = this.bytes[this.dir[col * 4 + 2]! + row]!
    if (code >= this.nestedOf(col, row).rowCount)
      throw new RowBatchError(`code ${code} of row ${row} is past its dictionary`)
    return code
  }

  /** The nested batch holding cell (row, col) of an encoded column: its dictionary, or the row's packed group. */
  private nestedOf(col: number, row: number): BatchCells {
    if (this.dir[col * 4] === KIND_PACKED) {
      const { table, cells } = this.packedOf(col)
      const g = (row / table.groupRows) | 0
      const { from, to, size } = table.groups[g]!
      return (cells[g] ??= groupCells(decompressBlock(this.bytes, from, to, size), table.groups[g]!.rows))
    }
    return (this.nested[col] ??= new BatchCells(dictionaryOf(this.bytes, this.dir[col * 4 + 3]!)))
  }

  private packedOf(col: number): { table: PackedGroups; cells: (BatchCells | undefined)[] } {
    const kept = this.packed[col]
    if (kept) return kept
    const d = col * 4
    const section = [this.dir[d + 1]!, this.dir[d + 2]!, this.dir[d + 3]!] as const
    return (this.packed[col] = { table: packedGroups(this.bytes, section, this.rowCount), cells: [] })
  }

  /** True when a compact or F64 column's null bitmap marks the cell (its column exists). */
  private isNull(row: number, col: number): boolean {
    const a = this.dir[col * 4 + 1]!
    return a !== 0 && (this.bytes[a + (row >> 3)]! & (1 << (row & 7))) !== 0
  }

  /** Sets from/to to the cell's payload range in a TEXT32 / TEXT16 / TEXT_FIXED column. */
  private textRange(kind: number, b: number, row: number): void {
    if (kind === KIND_TEXT32) {
      this.from = this.view.getUint32(b + row * 4, true)
      this.to = this.view.getUint32(b + row * 4 + 4, true)
    } else if (kind === KIND_TEXT16) {
      this.from = this.view.getUint16(b + row * 2, true)
      this.to = this.view.getUint16(b + row * 2 + 2, true)
    } else {
      this.from = row * b
      this.to = row * b + b
    }
  }

  private number(n: number, out: Uint8Array, pos: number): number {
    this.scratch.setFloat64(0, n, true)
    out[pos++] = TAG_NUMBER
    for (let i = 0; i < 8; i++) out[pos++] = this.scratch.getUint8(i)
    return pos
  }
}

/** A packed group's cells, checked to be one column of the group's rows. */
function groupCells(batch: Uint8Array, rows: number): BatchCells {
  const cells = new BatchCells(batch)
  if (cells.columnCount !== 1 || cells.rowCount !== rows)
    throw new RowBatchError(`a packed group of ${cells.rowCount}×${cells.columnCount} where ${rows}×1 belongs`)
  return cells
}

/** Two growable byte buffers cells are written into when they cannot be compared in place. */
export class CellScratch {
  private readonly buffers = [new Uint8Array(256), new Uint8Array(256)]
  need(which: 0 | 1, size: number): Uint8Array {
    const buffer = this.buffers[which]!
    if (size <= buffer.length) return buffer
    return (this.buffers[which] = new Uint8Array(Math.max(size, buffer.length * 2)))
  }
}
