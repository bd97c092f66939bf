import { COLUMN_ENTRY_BYTES, FORMAT_VERSION, HEADER_BYTES, MAGIC_0, MAGIC_1, MAGIC_2, RowBatchError } from './row-batch'
import type { EncodedRows } from './row-batch'
import type { ColumnBuilder } from './row-batch-column'

/** The size of a batch of these columns (header, column directory, every column's sections). */
export function batchByteLength(columns: readonly ColumnBuilder[]): number {
  let size = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  for (const column of columns) size += column.byteLength
  return size
}

/**
 * Lays out one batch of `rowCount` rows from its filled columns (layout in row-batch.ts): one
 * exact-size buffer, header, column directory, then each column's sections. The columns are left
 * as they are (the writers reset them).
 */
export function layoutBatch(columns: readonly ColumnBuilder[], rowCount: number): EncodedRows {
  const size = batchByteLength(columns)
  if (size > 0xffffffff) throw new RowBatchError(`a batch of ${size} bytes is over 4 GiB`)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out[0] = MAGIC_0
  out[1] = MAGIC_1
  out[2] = MAGIC_2
  out[3] = FORMAT_VERSION
  view.setUint32(4, rowCount, true)
  view.setUint32(8, columns.length, true)
  view.setUint32(12, size, true)
  let pos = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  columns.forEach((column, c) => {
    pos = column.writeTo(out, view, HEADER_BYTES + COLUMN_ENTRY_BYTES * c, pos)
  })
  return out as EncodedRows
}
