import type { RowChange } from '../../../shared/contract/edit-model'
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

/** "3 changes" etc. for the toolbar: one per staged row. */
export function changeCountText(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'change' : 'changes'}`
}
