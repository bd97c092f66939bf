import type { EncodedRows } from './row-batch'
import { readBatch } from './row-batch-reader'
import { RowBatchWriter } from './row-batch-writer'
import type { WireValue } from './values'

/** Whole batches to and from rows (WireValue[][]): tests, edits, export, execute(), a row-limit cut. */

/**
 * Rows to a batch (generic: tests, edits, rows built as WireValue[][]); a short row's missing cells
 * are null. `encode: false` keeps every column in its plain kind (see RowBatchWriter).
 */
export function encodeRows(
  rows: readonly (readonly WireValue[])[],
  columnCount = rows.reduce((most, row) => Math.max(most, row.length), 0),
  options: { encode?: boolean } = {},
): EncodedRows {
  const writer = new RowBatchWriter(columnCount, options)
  for (const row of rows) {
    for (let c = 0; c < columnCount; c++) writer.value(row[c] ?? null)
    writer.endRow()
  }
  return writer.finish()
}

/** The first `count` rows of a batch (a batch cut at a row limit: once per run, so re-encoding is fine). */
export function firstRows(batch: EncodedRows, count: number): EncodedRows {
  const reader = readBatch(batch)
  const rows = Math.min(reader.rowCount, Math.max(0, Math.floor(count)))
  const writer = new RowBatchWriter(reader.columnCount)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < reader.columnCount; c++) writer.value(reader.cell(r, c))
    writer.endRow()
  }
  return writer.finish()
}

/** Every row of a batch, decoded (export, edits, execute(): consumers that need all of them). */
export function decodeRows(batch: EncodedRows): WireValue[][] {
  const reader = readBatch(batch)
  const rows = Array.from({ length: reader.rowCount }, () => new Array<WireValue>(reader.columnCount))
  for (let col = 0; col < reader.columnCount; col++) {
    const cells = reader.column(col)
    for (let r = 0; r < rows.length; r++) rows[r]![col] = cells[r]!
  }
  return rows
}
