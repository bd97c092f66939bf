import { BatchCells } from '../../../shared/contract/row-batch-cell-bytes'
import type { DiffSide } from './result-diff'

/** A side's batches opened, and where each row lives. */
export class OpenSide {
  readonly cells: BatchCells[]
  readonly starts: Int32Array
  readonly batchOf: Int32Array
  readonly rows: number

  constructor(side: DiffSide) {
    this.cells = side.batches.map((batch) => new BatchCells(batch))
    this.starts = new Int32Array(this.cells.length)
    let rows = 0
    this.cells.forEach((cells, i) => {
      this.starts[i] = rows
      rows += cells.rowCount
    })
    this.rows = rows
    this.batchOf = new Int32Array(rows)
    this.cells.forEach((cells, i) => this.batchOf.fill(i, this.starts[i]!, this.starts[i]! + cells.rowCount))
  }
}

/** A growable byte buffer a cell or key is written into. */
export class Scratch {
  buf = new Uint8Array(256)
  need(size: number): Uint8Array {
    if (size > this.buf.length) this.buf = new Uint8Array(Math.max(size, this.buf.length * 2))
    return this.buf
  }
}

/** Writes row r's key cells (each after its u32 length) into s; returns the length. */
export function writeKey(side: OpenSide, r: number, cols: Int32Array, s: Scratch): number {
  const b = side.batchOf[r]!
  const cells = side.cells[b]!
  const row = r - side.starts[b]!
  let size = 0
  for (let i = 0; i < cols.length; i++) size += 4 + cells.cellSize(row, cols[i]!)
  const buf = s.need(size)
  let pos = 0
  for (let i = 0; i < cols.length; i++) {
    const end = cells.write(row, cols[i]!, buf, pos + 4)
    const length = end - pos - 4
    buf[pos] = length & 255
    buf[pos + 1] = (length >>> 8) & 255
    buf[pos + 2] = (length >>> 16) & 255
    buf[pos + 3] = length >>> 24
    pos = end
  }
  return pos
}

/** FNV-1a over bytes[0, length). */
export function hashBytes(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

export const sameBytes = (x: Uint8Array, y: Uint8Array, length: number): boolean => {
  for (let i = 0; i < length; i++) if (x[i] !== y[i]) return false
  return true
}
