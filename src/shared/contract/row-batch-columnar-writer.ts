import { MAX_BATCH_ROWS, RowBatchError } from './row-batch'
import type { EncodedRows } from './row-batch'
import { ColumnBuilder } from './row-batch-column'
import { batchByteLength, layoutBatch } from './row-batch-layout'

/**
 * Builds row batches column by column, for drivers that read their engine's results a column
 * at a time (DuckDB's column vectors): each column is filled through its ColumnBuilder in any
 * order, then finish(rows) checks that every column holds that many cells and lays out the batch
 * (the same bytes RowBatchWriter makes for the same cells). Buffers are kept between batches.
 */
export class ColumnarBatchWriter {
  private readonly columns: ColumnBuilder[]

  /** `encode: false` keeps every column in its plain kind (no DICT or PACKED; tests of the plain layout). */
  constructor(
    readonly columnCount: number,
    { encode = true }: { encode?: boolean } = {},
  ) {
    this.columns = Array.from({ length: columnCount }, () => new ColumnBuilder(encode))
  }

  /** Column `c`'s builder: append its cells in row order. */
  column(c: number): ColumnBuilder {
    const column = this.columns[c]
    if (!column) throw new RowBatchError(`column ${c} is outside a batch of ${this.columnCount} columns`)
    return column
  }

  /**
   * The size the batch would have if finished now. It chooses the encodings (DICT, PACKED: it may
   * compress a column), so ask once per batch, not after every row.
   */
  get byteLength(): number {
    return batchByteLength(this.columns)
  }

  /** The batch of `rowCount` rows (every column must hold that many cells); the writer is then empty. */
  finish(rowCount: number): EncodedRows {
    if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > MAX_BATCH_ROWS)
      throw new RowBatchError(`${rowCount} rows is not a batch size`)
    this.columns.forEach((column, c) => {
      if (column.rows !== rowCount)
        throw new RowBatchError(`column ${c} has ${column.rows} cells, expected ${rowCount}`)
    })
    const batch = layoutBatch(this.columns, rowCount)
    this.clear()
    return batch
  }

  /** Drops every cell written since the last finish. */
  clear(): void {
    for (const column of this.columns) column.reset()
  }
}
