import type { EncodedRows } from '../../../shared/contract/row-batch'
import { assembleBatch } from '../../../shared/contract/row-batch-columns'
import { SqliteColumnEncoder } from './sqlite-column-encoder'

/**
 * A batch of rows under construction in the SQLite host: each row's cells (better-sqlite3's raw
 * row array) are only stored in per-column arrays as they are read; finish() encodes every
 * column whole (SqliteColumnEncoder) and lays out the batch. Nothing is made per cell, and the
 * column arrays and encoders are reused by the next batch.
 */
export class SqliteBatchBuilder {
  private readonly cells: unknown[][]
  private readonly encoders: SqliteColumnEncoder[]
  private rows = 0

  constructor(readonly columnCount: number) {
    this.cells = Array.from({ length: columnCount }, () => [])
    this.encoders = Array.from({ length: columnCount }, () => new SqliteColumnEncoder())
  }

  get rowCount(): number {
    return this.rows
  }

  add(row: readonly unknown[]): void {
    const r = this.rows++
    for (let c = 0; c < this.columnCount; c++) this.cells[c]![r] = row[c]
  }

  /** The batch of the rows added since the last finish; the builder is then empty. */
  finish(): EncodedRows {
    const rows = this.rows
    const batch = assembleBatch(
      rows,
      this.cells.map((cells, c) => this.encoders[c]!.encode(cells, rows)),
    )
    this.clear()
    return batch
  }

  /** Forgets the rows added. The arrays keep their length (cells are overwritten, not regrown). */
  clear(): void {
    this.rows = 0
  }
}
