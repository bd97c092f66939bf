import { decodeRows, QuarryFailure } from '../../../shared/contract'
import type { QuarryError, TransactionState, WireValue } from '../../../shared/contract'
import type { DriverConnection } from '../driver'
import type { HeldSession } from '../engine-session'
import type { EditDialect } from './edit-dialect'
import type { PlannedStatement } from './edit-planner'

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

/** What one statement did: the rows it matched (MySQL UPDATE: matched, not changed) or its rows. */
interface Ran {
  affected: number | null
  columns: string[]
  rows: WireValue[][]
}

/** Runs one statement on the held session, reading its summary (and its rows, if any). */
export async function runOn(
  connection: DriverConnection,
  session: HeldSession,
  sql: string,
  params?: readonly string[],
): Promise<Ran> {
  const ran: Ran = { affected: null, columns: [], rows: [] }
  const stream = connection.stream(sql, { batchSize: 1000, session, ...(params?.length ? { params } : {}) })
  for await (const item of stream) {
    if (item.kind === 'columns') ran.columns = item.columns.map((c) => c.name)
    else if (item.kind === 'rows') ran.rows.push(...decodeRows(item.rows))
    else if (item.kind === 'summary') ran.affected = item.matchedRows ?? item.affectedRows
  }
  return ran
}

/**
 * Runs the planned statements in order; each must affect exactly one row. Goes on past a
 * conflict to find the others (everything is undone anyway), stops at an error. Throws the
 * error (its message naming the change) after undoing; returns the conflicts found.
 */
export async function runStatements(
  connection: DriverConnection,
  session: HeldSession,
  statements: readonly PlannedStatement[],
): Promise<{ conflicts: { statement: PlannedStatement; affected: number }[]; failure: QuarryFailure | null }> {
  const conflicts: { statement: PlannedStatement; affected: number }[] = []
  for (const statement of statements) {
    try {
      const { affected } = await runOn(connection, session, statement.sql, statement.texts)
      if (affected !== 1) conflicts.push({ statement, affected: affected ?? 0 })
    } catch (error) {
      return { conflicts, failure: changeFailure(error, `Change ${statement.change + 1} failed`) }
    }
  }
  return { conflicts, failure: null }
}

/** The row as it is now (after the rollback), found by its key; null when gone or an insert. */
export async function currentRow(
  connection: DriverConnection,
  session: HeldSession,
  statement: PlannedStatement,
): Promise<Record<string, WireValue> | null> {
  if (!statement.current) return null
  const { columns, rows } = await runOn(connection, session, statement.current.sql, statement.current.texts)
  const row = rows[0]
  return row ? Object.fromEntries(columns.map((name, i) => [name, row[i] ?? null])) : null
}

/** A statement's failure, told as what failed and that everything was rolled back. */
export function changeFailure(error: unknown, what: string): QuarryFailure {
  const cause: QuarryError = error instanceof QuarryFailure ? error.error : { kind: 'internal', message: String(error) }
  const message = `${what}, so every change was rolled back: ${cause.message}`
  return new QuarryFailure({ ...cause, message })
}
