import {
  COLUMN_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  MAGIC_0,
  MAGIC_1,
  MAGIC_2,
  MAX_BATCH_ROWS,
  RowBatchError,
} from './row-batch'
import type { EncodedRows } from './row-batch'
import { ColumnBuilder } from './row-batch-column'

/** A zeroed batch of `size` bytes with its header written. */
function batchWithHeader(rowCount: number, columnCount: number, size: number): { out: Uint8Array; view: DataView } {
  if (size > 0xffffffff) throw new RowBatchError(`a batch of ${size} bytes is over 4 GiB`)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out[0] = MAGIC_0
  out[1] = MAGIC_1
  out[2] = MAGIC_2
  out[3] = FORMAT_VERSION
  view.setUint32(4, rowCount, true)
  view.setUint32(8, columnCount, true)
  view.setUint32(12, size, true)
  return { out, view }
}

/**
 * Builds row batches column by column, for drivers that read their engine's results a column
 * at a time (DuckDB's column vectors): each column is filled through its ColumnBuilder in any
 * order, then finish(rows) checks that every column holds that many cells and lays out the batch
 * (the same bytes RowBatchWriter makes for the same cells). Buffers are kept between batches.
 */
export class ColumnarBatchWriter {
  private readonly columns: ColumnBuilder[]

  constructor(readonly columnCount: number) {
    this.columns = Array.from({ length: columnCount }, () => new ColumnBuilder())
  }

  /** Column `c`'s builder: append its cells in row order. */
  column(c: number): ColumnBuilder {
    const column = this.columns[c]
    if (!column) throw new RowBatchError(`column ${c} is outside a batch of ${this.columnCount} columns`)
    return column
  }

  /** The size the batch would have if finished now (for sizing batches). */
  get byteLength(): number {
    let size = HEADER_BYTES + COLUMN_ENTRY_BYTES * this.columnCount
    for (const column of this.columns) size += column.byteLength
    return size
  }

  /** The batch of `rowCount` rows (every column must hold that many cells); the writer is then empty. */
  finish(rowCount: number): EncodedRows {
    if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > MAX_BATCH_ROWS)
      throw new RowBatchError(`${rowCount} rows is not a batch size`)
    this.columns.forEach((column, c) => {
      if (column.rows !== rowCount)
        throw new RowBatchError(`column ${c} has ${column.rows} cells, expected ${rowCount}`)
    })
    const { out, view } = batchWithHeader(rowCount, this.columnCount, this.byteLength)
    let pos = HEADER_BYTES + COLUMN_ENTRY_BYTES * this.columnCount
    this.columns.forEach((column, c) => {
      pos = column.writeTo(out, view, HEADER_BYTES + COLUMN_ENTRY_BYTES * c, pos)
    })
    this.clear()
    return out as EncodedRows
  }

  /** Drops every cell written since the last finish. */
  clear(): void {
    for (const column of this.columns) column.reset()
  }
}
