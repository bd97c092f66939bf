import {
  COLUMN_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  KIND_F64,
  KIND_TAGGED,
  MAGIC_0,
  MAGIC_1,
  MAGIC_2,
  MAX_BATCH_ROWS,
  RowBatchError,
  align8,
} from './row-batch'
import type { EncodedRows, KIND_NULL } from './row-batch'

/**
 * One column of a batch built whole by a driver that reads column-wise (an engine's own column
 * vectors, or cells gathered per column), in the sections row-batch.ts specifies. Arrays may be
 * longer than the batch (reused buffers): only the first rows are used — rowCount tags, rowCount+1
 * offsets, offsets[rowCount] payload bytes, ceil(rowCount/8) null bytes.
 */
export type ColumnSections =
  | { kind: typeof KIND_NULL }
  /** `nulls` null when no cell is null; bits past the last row must be zero. */
  | { kind: typeof KIND_F64; nulls: Uint8Array | null; values: Float64Array }
  | { kind: typeof KIND_TAGGED; tags: Uint8Array; offsets: Uint32Array; payload: Uint8Array }

const sectionBytes = (column: ColumnSections, rows: number): number => {
  if (column.kind === KIND_F64) return (column.nulls ? align8((rows + 7) >> 3) : 0) + rows * 8
  if (column.kind === KIND_TAGGED) return align8(rows) + align8((rows + 1) * 4) + align8(column.offsets[rows]!)
  return 0
}

/** A zeroed batch of `size` bytes with its header written. */
export function batchWithHeader(
  rowCount: number,
  columnCount: number,
  size: number,
): { out: Uint8Array; view: DataView } {
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
 * Lays out a batch from whole columns: the same bytes RowBatchWriter makes for the same cells
 * (one exact-size buffer, sections 8-aligned), without a call per cell.
 */
export function assembleBatch(rowCount: number, columns: readonly ColumnSections[]): EncodedRows {
  if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > MAX_BATCH_ROWS)
    throw new RowBatchError(`${rowCount} rows is not a batch size`)
  let size = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  for (const column of columns) size += sectionBytes(column, rowCount)
  const { out, view } = batchWithHeader(rowCount, columns.length, size)
  let pos = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  columns.forEach((column, c) => {
    const entry = HEADER_BYTES + COLUMN_ENTRY_BYTES * c
    view.setUint32(entry, column.kind, true)
    if (column.kind === KIND_F64) {
      if (column.nulls) {
        view.setUint32(entry + 4, pos, true)
        out.set(column.nulls.subarray(0, (rowCount + 7) >> 3), pos)
        pos += align8((rowCount + 7) >> 3)
      }
      view.setUint32(entry + 8, pos, true)
      new Float64Array(out.buffer, pos, rowCount).set(column.values.subarray(0, rowCount))
      pos += rowCount * 8
    } else if (column.kind === KIND_TAGGED) {
      const used = column.offsets[rowCount]!
      view.setUint32(entry + 4, pos, true)
      out.set(column.tags.subarray(0, rowCount), pos)
      pos += align8(rowCount)
      view.setUint32(entry + 8, pos, true)
      new Uint32Array(out.buffer, pos, rowCount + 1).set(column.offsets.subarray(0, rowCount + 1))
      pos += align8((rowCount + 1) * 4)
      view.setUint32(entry + 12, pos, true)
      out.set(column.payload.subarray(0, used), pos)
      pos += align8(used)
    }
  })
  return out as EncodedRows
}
