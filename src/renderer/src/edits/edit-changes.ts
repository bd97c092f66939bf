import type { RowChange } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import type { RowKey, StagedRow } from './edit-store'

/** The staged rows as the contract's changes, and which row each change came from (for conflicts). */
export interface StagedChanges {
  changes: RowChange[]
  keys: RowKey[]
}

/**
 * Staged rows → `edits.preview`/`edits.apply` changes: a deleted row is one DELETE (its other
 * staged values are moot), a changed row one UPDATE, a new row one INSERT of the columns set.
 * Order: updates, then deletes, then inserts (a key freed by a delete can be reused by an insert).
 */
export function stagedChanges(rows: readonly StagedRow[]): StagedChanges {
  const rank = (row: StagedRow): number => (row.original === null ? 2 : row.deleted ? 1 : 0)
  const ordered = [...rows].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq)
  const changes: RowChange[] = []
  const keys: RowKey[] = []
  for (const row of ordered) {
    const change: RowChange =
      row.original === null
        ? { op: 'insert', values: { ...row.set } }
        : row.deleted
          ? { op: 'delete', original: { ...row.original } }
          : { op: 'update', original: { ...row.original }, set: { ...row.set } }
    changes.push(change)
    keys.push(row.key)
  }
  return { changes, keys }
}

/**
 * The changes as sent to main: an UPDATE's `original` keeps only the key columns and the columns
 * it changes (the planner guards with exactly those), a DELETE keeps the whole row (every
 * comparable column guards it). With no key known (`keyColumns` empty) nothing is trimmed. Ten
 * thousand updates of a wide table then fit one browser-mode message.
 */
export function wireChanges(changes: readonly RowChange[], keyColumns: readonly string[]): RowChange[] {
  if (keyColumns.length === 0) return [...changes]
  return changes.map((change) => {
    if (change.op !== 'update') return change
    const original: Record<string, WireValue> = {}
    for (const column of [...keyColumns, ...Object.keys(change.set)]) {
      if (column in change.original) original[column] = change.original[column]!
    }
    return { ...change, original }
  })
}

/** "3 changes" etc. for the toolbar: one per staged row. */
export function changeCountText(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'change' : 'changes'}`
}
