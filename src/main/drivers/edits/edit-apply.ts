import { QuarryFailure } from '../../../shared/contract'
import type { QuarryError, TransactionState } from '../../../shared/contract'
import type { EditDialect } from './edit-dialect'

/** The savepoint an apply inside an open transaction rolls back to. */
export const EDIT_SAVEPOINT = 'quarry_edits'

/** How an apply wraps its statements: plain BEGIN/COMMIT, or a savepoint in the open transaction. */
export interface ApplyPlan {
  begin: string
  end: string
  /** The statement that undoes everything the apply did. */
  undo: string[]
  /** Whether the apply ends with its changes committed. */
  commits: boolean
}

/**
 * How the statements are wrapped. An open transaction (the tab's): a savepoint, so a conflict
 * undoes only the apply's own changes. Manual commit with none open: BEGIN, left open. Otherwise
 * BEGIN … COMMIT. A failed transaction is refused: only a rollback helps it.
 */
export function applyPlan(dialect: EditDialect, transaction: TransactionState, manualCommit: boolean): ApplyPlan {
  const { begin, commit, rollback } = dialect.transactions
  if (transaction === 'failed') {
    const message =
      "The tab's transaction has failed (a statement in it raised an error): roll it back before applying edits"
    throw new QuarryFailure({ kind: 'invalid-input', message, engine: dialect.engine })
  }
  if (transaction === 'open') {
    const savepoints = dialect.savepoints
    if (!savepoints) {
      const message =
        "This engine has no savepoints, so edits cannot be applied inside the tab's open transaction " +
        'without risking it: commit or roll it back first'
      throw new QuarryFailure({ kind: 'invalid-input', message, engine: dialect.engine })
    }
    const release = savepoints.release?.(EDIT_SAVEPOINT) ?? ''
    return {
      begin: savepoints.create(EDIT_SAVEPOINT),
      end: release,
      undo: [savepoints.rollbackTo(EDIT_SAVEPOINT), ...(release ? [release] : [])],
      commits: false,
    }
  }
  return manualCommit
    ? { begin, end: '', undo: [rollback], commits: false }
    : { begin, end: commit, undo: [rollback], commits: true }
}

/** A statement's failure, told as what failed and that everything was rolled back. */
export function changeFailure(error: unknown, what: string): QuarryFailure {
  const cause: QuarryError = error instanceof QuarryFailure ? error.error : { kind: 'internal', message: String(error) }
  const message = `${what}, so every change was rolled back: ${cause.message}`
  return new QuarryFailure({ ...cause, message })
}

/** A statement that waited for a row another session keeps locked until the apply's bound ran out. */
export function lockedFailure(error: QuarryFailure, what: string, waitedMs: number): QuarryFailure {
  const waited = waitedMs < 1000 ? `${waitedMs} ms` : `${Math.round(waitedMs / 100) / 10} s`
  const message =
    `${what}: the row is locked by another session (an open transaction there changed it, or locked its table) ` +
    `and stayed locked for ${waited}, so every change was rolled back. End that transaction, then apply again ` +
    `(the server said: ${error.error.message})`
  return new QuarryFailure({ ...error.error, kind: 'timeout', message })
}

/**
 * Work that runs before any change (reading the table's schema, which waits while another session
 * holds an exclusive lock on the table): a cancel answers at once, leaving the read to finish alone.
 */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined, cancelled: () => QuarryFailure) {
  if (!signal) return work
  if (signal.aborted) return Promise.reject(cancelled())
  let onAbort = (): void => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  work.catch(() => {}) // once cancelled, its own end is not reported
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort))
}
