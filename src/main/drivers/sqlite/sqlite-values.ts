// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import { readBatch } from '../../../shared/contract/row-batch-reader'
import { RowBatchWriter } from '../../../shared/contract/row-batch-writer'
import type { WireValue } from '../../../shared/contract/values'

const MAX_SAFE = Number.MAX_SAFE_INTEGER

/**
 * One cell as better-sqlite3 returns it with safeIntegers on (INTEGER → bigint, REAL → number,
 * TEXT → string, BLOB → Buffer, NULL → null), appended to a row batch in its exact wire form (see
 * WireValue): integers beyond ±(2^53−1) as their digits, non-finite REALs as the float tag.
 */
export function writeCell(out: RowBatchWriter, cell: unknown): void {
  switch (typeof cell) {
    case 'bigint': {
      // One conversion instead of two BigInt comparisons: beyond ±(2^53−1) Number() rounds away
      // from the safe range, never into it, so a safe result is the exact value.
      const n = Number(cell)
      return n <= MAX_SAFE && n >= -MAX_SAFE ? out.number(n) : out.intText(cell.toString())
    }
    case 'number':
      return Number.isFinite(cell) ? out.number(cell) : out.floatText(String(cell))
    case 'string':
      return out.text(cell)
    case 'object':
      if (cell === null) return out.null()
      if (Buffer.isBuffer(cell)) return out.bytes(cell, 0, cell.length)
      break
  }
  throw new TypeError(`Unexpected SQLite value of type ${typeof cell}`)
}

/** Appends one row of cells and ends it. */
export function writeRow(out: RowBatchWriter, row: readonly unknown[]): void {
  for (let i = 0; i < row.length; i++) writeCell(out, row[i])
  out.endRow()
}

/** The wire value of one cell (what the renderer reads back from `writeCell`). */
export function toWireValue(cell: unknown): WireValue {
  const out = new RowBatchWriter(1)
  writeCell(out, cell)
  out.endRow()
  return readBatch(out.finish()).cell(0, 0)
}
