import { countText } from '../../../shared/formats/count-text'
import { useState } from 'react'
import type { EditConflict } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import { formatCell } from '../grid/cell-format'
import { TID } from '../test-ids'
import type { StagedChanges } from './edit-changes'
import type { EditStore } from './edit-store'

/** Props of the conflict view. */
export interface ConflictViewProps {
  conflicts: readonly EditConflict[]
  /**
   * Changes (indexes in `staged.changes`) written before the conflict that stay applied: only on a
   * server without transactions (a standalone MongoDB server); empty everywhere else.
   */
  kept?: readonly number[]
  staged: StagedChanges
  store: EditStore
  /** The choices are staged: read the rows again and review. */
  onReReview: () => void
}

type Choice = 'mine' | 'theirs'

/**
 * Nothing was kept: these rows changed (or went away, or the key matched several) since they were
 * read. Per cell: my value, the original, the value now on the server; keep mine (now guarded by
 * the server's current row) or take theirs (unstaged). Then review again.
 */
export function ConflictView({ conflicts, kept = [], staged, store, onReReview }: ConflictViewProps) {
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const choiceOf = (conflict: number, column: string): Choice => choices[`${conflict}\u0000${column}`] ?? 'mine'
  const choose = (conflict: number, column: string, choice: Choice) =>
    setChoices((current) => ({ ...current, [`${conflict}\u0000${column}`]: choice }))
  const resolve = () => {
    conflicts.forEach((conflict, i) => {
      const key = staged.keys[conflict.change]
      const row = key === undefined ? undefined : store.get(key)
      if (!row || key === undefined) return
      const columns = row.deleted ? ['(row)'] : Object.keys(row.set)
      const take = new Set(columns.filter((column) => choiceOf(i, column) === 'theirs'))
      if (row.deleted && take.size > 0) store.revertRows([key])
      else if (conflict.affected > 1) return
      else store.rebase(key, conflict.current, take)
    })
    onReReview()
  }
  return (
    <div className="conflict-view" data-testid={TID.conflictView} role="alert">
      <p>
        {conflicts.length === 1 ? 'A row' : `${conflicts.length} rows`} changed on the server since they were read.{' '}
        {kept.length === 0 ? 'Nothing was applied: every change was rolled back.' : keptText(kept)}
      </p>
      {conflicts.map((conflict, i) => {
        const key = staged.keys[conflict.change]
        const row = key === undefined ? undefined : store.get(key)
        const change = staged.changes[conflict.change]
        const original = change && change.op !== 'insert' ? change.original : {}
        const why =
          conflict.affected > 1
            ? `The key matched ${countText(conflict.affected, 'row')}: choose key columns that identify one row.`
            : conflict.current
              ? 'The row now has other values.'
              : 'The row is gone from the server.'
        const columns = row?.deleted ? ['(row)'] : Object.keys(row?.set ?? {})
        return (
          <div key={i} className="conflict-row" data-testid={TID.conflictRow}>
            <div className="conflict-title">
              Statement {conflict.change + 1} affected {countText(conflict.affected, 'row')}. {why}
            </div>
            <code className="conflict-sql">{conflict.statement.display}</code>
            <table>
              <thead>
                <tr>
                  <th>Column</th>
                  <th>Mine</th>
                  <th>Original</th>
                  <th>On the server now</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {columns.map((column) => {
                  const edit = row?.set[column]
                  const mine = row?.deleted ? 'delete the row' : edit && 'value' in edit ? text(edit.value) : 'DEFAULT'
                  const differs = column === '(row)' || text(original[column]) !== text(conflict.current?.[column])
                  return (
                    <tr
                      key={column}
                      data-testid={TID.conflictCell}
                      data-column={column}
                      data-differs={differs || undefined}
                    >
                      <td>{column}</td>
                      <td>{mine}</td>
                      <td>{column === '(row)' ? '' : text(original[column])}</td>
                      <td>
                        {conflict.current
                          ? column === '(row)'
                            ? 'still there'
                            : text(conflict.current[column])
                          : 'gone'}
                      </td>
                      <td className="conflict-choice">
                        <label>
                          <input
                            type="radio"
                            data-testid={TID.conflictKeepMine}
                            checked={choiceOf(i, column) === 'mine'}
                            onChange={() => choose(i, column, 'mine')}
                          />
                          keep mine
                        </label>
                        <label>
                          <input
                            type="radio"
                            data-testid={TID.conflictTakeTheirs}
                            checked={choiceOf(i, column) === 'theirs'}
                            onChange={() => choose(i, column, 'theirs')}
                          />
                          take theirs
                        </label>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )
      })}
      <button type="button" className="primary" data-testid={TID.conflictReReview} onClick={resolve}>
        Review again
      </button>
    </div>
  )
}

/** What stayed applied on a server without transactions (1-based, as the review numbers statements). */
export function keptText(kept: readonly number[]): string {
  const list = kept.map((change) => change + 1).join(', ')
  const which = kept.length === 1 ? `Statement ${list} was` : `Statements ${list} were`
  return `${which} written before it and ${kept.length === 1 ? 'stays' : 'stay'} applied: this server has no transactions to roll them back. The other changes were not applied.`
}

const text = (value: WireValue | undefined): string => (value === undefined ? '—' : formatCell(value).text)
