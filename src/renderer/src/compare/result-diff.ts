import { CellScratch } from '../../../shared/contract/row-batch-cell-bytes'
import { OpenSide, Scratch, hashBytes, sameBytes, writeKey } from './diff-sides'

/** A row's status in a diff, as held in DiffResult.status. */
export const SAME = 0
export const CHANGED = 1
export const ADDED = 2
export const REMOVED = 3
export type DiffStatus = typeof SAME | typeof CHANGED | typeof ADDED | typeof REMOVED

/** One side of a diff: its batches as received (row-batch.ts) and its column names. */
export interface DiffSide {
  batches: Uint8Array[]
  columns: string[]
}

export interface DiffRequest {
  pinned: DiffSide
  current: DiffSide
  /** Key column names, present on both sides. */
  key: string[]
}

export interface DiffCounts {
  same: number
  changed: number
  added: number
  removed: number
}

/**
 * A diff as typed arrays (no object per row). Rows are the current result's in its order, then the
 * pinned rows no current row matched (removed), in the pinned order. For row i: status[i],
 * currentRow[i] (-1 when removed), pinnedRow[i] (-1 when added), and for a changed row the bits of
 * the current columns whose cell differs: bit (c & 31) of changed[i * words + (c >> 5)].
 */
export interface DiffResult {
  status: Uint8Array
  currentRow: Int32Array
  pinnedRow: Int32Array
  changed: Uint32Array
  words: number
  counts: DiffCounts
  /** Current rows whose key equals a pinned row's already matched (duplicate keys): shown as added. */
  duplicateKeys: number
  /** For each current column, the pinned column of the same name, or -1. */
  pinnedColumnOf: Int32Array
  onlyPinned: string[]
  onlyCurrent: string[]
}

/** A diff that cannot run as asked (a key column missing on one side): said to the user as is. */
export class DiffInputError extends Error {
  override name = 'DiffInputError'
}

/**
 * Diffs the current result against the pinned one on the key columns: a hash table of the pinned
 * rows' key bytes, probed by each current row; matched rows compare their common columns' cell
 * bytes. Columns are matched by name. `onProgress` hears the share done now and then.
 */
export function diffResults(request: DiffRequest, onProgress: (share: number) => void = () => {}): DiffResult {
  const { pinned, current, key } = request
  if (key.length === 0) throw new DiffInputError('Choose at least one key column')
  const missing = key.filter((name) => !pinned.columns.includes(name) || !current.columns.includes(name))
  if (missing.length > 0) throw new DiffInputError(`Key column not in both results: ${missing.join(', ')}`)
  const keyA = Int32Array.from(key, (name) => pinned.columns.indexOf(name))
  const keyB = Int32Array.from(key, (name) => current.columns.indexOf(name))
  const pinnedColumnOf = Int32Array.from(current.columns, (name) => pinned.columns.indexOf(name))
  const compared = current.columns.flatMap((name, c) => (pinnedColumnOf[c]! >= 0 && !key.includes(name) ? [c] : []))
  const A = new OpenSide(pinned)
  const B = new OpenSide(current)
  const total = A.rows + B.rows
  const report = (done: number): void => {
    if ((done & 0xffff) === 0) onProgress(done / Math.max(1, total))
  }
  const s1 = new Scratch()
  const s2 = new Scratch()
  const cellScratch = new CellScratch()

  // The pinned rows' keys into an open-addressing table (row + 1; 0: empty), at most half full.
  let size = 1
  while (size < A.rows * 2) size <<= 1
  const mask = size - 1
  const table = new Int32Array(size)
  const hashes = new Uint32Array(A.rows)
  for (let r = 0; r < A.rows; r++) {
    const h = hashBytes(s1.buf, writeKey(A, r, keyA, s1))
    hashes[r] = h
    let slot = h & mask
    while (table[slot] !== 0) slot = (slot + 1) & mask
    table[slot] = r + 1
    report(r)
  }

  const words = Math.max(1, (current.columns.length + 31) >> 5)
  const capacity = B.rows + A.rows
  const status = new Uint8Array(capacity)
  const currentRow = new Int32Array(capacity)
  const pinnedRow = new Int32Array(capacity)
  const changed = new Uint32Array(capacity * words)
  const matched = new Uint8Array(A.rows)
  const counts: DiffCounts = { same: 0, changed: 0, added: 0, removed: 0 }
  let duplicateKeys = 0
  for (let r = 0; r < B.rows; r++) {
    const length = writeKey(B, r, keyB, s1)
    const h = hashBytes(s1.buf, length)
    let found = -1
    let duplicate = false
    for (let slot = h & mask, e = table[slot]!; e !== 0; slot = (slot + 1) & mask, e = table[slot]!) {
      const a = e - 1
      if (hashes[a] !== h) continue
      if (writeKey(A, a, keyA, s2) !== length || !sameBytes(s1.buf, s2.buf, length)) continue
      if (matched[a] === 0) {
        found = a
        break
      }
      duplicate = true
    }
    currentRow[r] = r
    pinnedRow[r] = found
    if (found < 0) {
      status[r] = ADDED
      counts.added++
      if (duplicate) duplicateKeys++
    } else {
      matched[found] = 1
      let differs = false
      const bb = B.batchOf[r]!
      const cellsB = B.cells[bb]!
      const rowB = r - B.starts[bb]!
      const ba = A.batchOf[found]!
      const cellsA = A.cells[ba]!
      const rowA = found - A.starts[ba]!
      for (const c of compared) {
        if (!cellsB.same(rowB, c, cellsA, rowA, pinnedColumnOf[c]!, cellScratch)) {
          changed[r * words + (c >> 5)]! |= 1 << (c & 31)
          differs = true
        }
      }
      status[r] = differs ? CHANGED : SAME
      if (differs) counts.changed++
      else counts.same++
    }
    report(A.rows + r)
  }
  let n = B.rows
  for (let a = 0; a < A.rows; a++) {
    if (matched[a] !== 0) continue
    status[n] = REMOVED
    currentRow[n] = -1
    pinnedRow[n] = a
    n++
  }
  counts.removed = n - B.rows
  onProgress(1)
  return {
    status: n < capacity ? status.slice(0, n) : status,
    currentRow: n < capacity ? currentRow.slice(0, n) : currentRow,
    pinnedRow: n < capacity ? pinnedRow.slice(0, n) : pinnedRow,
    changed: n < capacity ? changed.slice(0, n * words) : changed,
    words,
    counts,
    duplicateKeys,
    pinnedColumnOf,
    onlyPinned: pinned.columns.filter((name) => !current.columns.includes(name)),
    onlyCurrent: current.columns.filter((name) => !pinned.columns.includes(name)),
  }
}
