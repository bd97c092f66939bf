import { ADDED, CHANGED, REMOVED, SAME, type DiffCounts, type DiffResult, type DiffStatus } from './result-diff'

/** Which rows a diff shows: all, or one status. */
export type DiffFilter = 'all' | 'added' | 'removed' | 'changed' | 'same'

export const FILTER_STATUS: Record<Exclude<DiffFilter, 'all'>, DiffStatus> = {
  added: ADDED,
  removed: REMOVED,
  changed: CHANGED,
  same: SAME,
}

/** The diff rows a filter keeps, in order, as indexes into the diff. */
export function filterRows(diff: DiffResult, filter: DiffFilter): Int32Array {
  const total = diff.status.length
  if (filter === 'all') return Int32Array.from({ length: total }, (_, i) => i)
  const want = FILTER_STATUS[filter]
  let n = 0
  for (let i = 0; i < total; i++) if (diff.status[i] === want) n++
  const rows = new Int32Array(n)
  n = 0
  for (let i = 0; i < total; i++) if (diff.status[i] === want) rows[n++] = i
  return rows
}

/** The next (dir 1) or previous (dir -1) shown row after `from` that differs; -1 when none. */
export function nextDifference(diff: DiffResult, rows: Int32Array, from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < rows.length; i += dir) if (diff.status[rows[i]!] !== SAME) return i
  return -1
}

/** True when current column `col` of diff row `i` differs from the pinned cell. */
export const cellChanged = (diff: DiffResult, i: number, col: number): boolean =>
  (diff.changed[i * diff.words + (col >> 5)]! & (1 << (col & 31))) !== 0

const n = (count: number): string => count.toLocaleString('en-US')

/** "+12 −3 ~40 of 10,000": added, removed, changed, of all the rows compared (both sides' keys). */
export const countsText = (counts: DiffCounts): string =>
  `+${n(counts.added)} −${n(counts.removed)} ~${n(counts.changed)} of ${n(counts.same + counts.changed + counts.added + counts.removed)}`

/** The status mark shown in a diff row's first column. */
export const STATUS_MARK: Record<DiffStatus, string> = { [SAME]: '', [CHANGED]: '~', [ADDED]: '+', [REMOVED]: '−' }
export const STATUS_NAME: Record<DiffStatus, string> = {
  [SAME]: 'same',
  [CHANGED]: 'changed',
  [ADDED]: 'added',
  [REMOVED]: 'removed',
}
