import { decodeRows, QuarryFailure } from '../../../shared/contract'
import type { WireValue } from '../../../shared/contract'
import type { DriverConnection } from '../driver'
import type { HeldSession } from '../engine-session'
import { changeFailure, lockedFailure } from './edit-apply'
import type { ApplyPlan } from './edit-apply'
import type { EditDialect } from './edit-dialect'
import type { PlannedStatement } from './edit-planner'

/** How long an apply waits for a row another session has locked (where the engine bounds it): then it rolls back. */
export const EDIT_LOCK_WAIT_MS = 10_000

/** The answer to an apply cancelled while it ran. */
export const APPLY_CANCELLED = 'Apply cancelled: every change was rolled back'

/** What one statement did: its count (MySQL UPDATE: matched, not changed), its columns and rows. */
interface Ran {
  affected: number | null
  columns: string[]
  rows: WireValue[][]
}

/** A statement that did not affect exactly one row. */
export interface Conflict {
  statement: PlannedStatement
  affected: number
}

/**
 * One apply's work on its session. The planned statements (and the reads after a conflict) run
 * under the apply's signal, so a cancel stops the running one in the engine; the engine's lock-wait
 * bound is set around them (see LockWait), so a row locked by another session fails in time.
 */
export class EditRun {
  /** The lock-wait bound in force before the apply, while the apply's own is set. */
  private previous: readonly string[] | null = null

  constructor(
    private readonly connection: DriverConnection,
    private readonly session: HeldSession,
    private readonly dialect: EditDialect,
    private readonly signal: AbortSignal | undefined,
    private readonly lockWaitMs: number = EDIT_LOCK_WAIT_MS,
  ) {}

  /** Whether the apply was cancelled. */
  get cancelled(): boolean {
    return this.signal?.aborted === true
  }

  /**
   * The failure a cancelled apply answers, once everything is rolled back. Where the engine could
   * only stop the statement by ending the session (SQLite waiting on a lock), a transaction the tab
   * had open went with it, and the answer says so.
   */
  cancelledFailure(transactionWasOpen: boolean): QuarryFailure {
    const message =
      transactionWasOpen && !this.session.usable
        ? `${APPLY_CANCELLED}, and so was the tab's open transaction: stopping the apply ended the tab's session`
        : APPLY_CANCELLED
    return new QuarryFailure({ kind: 'cancelled', message, engine: this.dialect.engine })
  }

  /** Runs one statement on the session; `cancellable`: under the apply's signal. */
  async run(sql: string, params?: readonly string[], cancellable = false): Promise<Ran> {
    const ran: Ran = { affected: null, columns: [], rows: [] }
    const signal = cancellable ? this.signal : undefined
    const options = { batchSize: 1000, session: this.session, ...(params?.length ? { params } : {}) }
    for await (const item of this.connection.stream(sql, signal ? { ...options, signal } : options)) {
      if (item.kind === 'columns') ran.columns = item.columns.map((c) => c.name)
      else if (item.kind === 'rows') ran.rows.push(...decodeRows(item.rows))
      else if (item.kind === 'summary') ran.affected = item.matchedRows ?? item.affectedRows
    }
    return ran
  }

  /** Sets the engine's lock-wait bound, if it is set at this point (`scope`), keeping the value in force. */
  async bound(scope: 'session' | 'transaction'): Promise<void> {
    const wait = this.dialect.lockWait
    if (!wait || wait.scope !== scope) return
    try {
      const { rows } = await this.run(wait.read)
      const previous = (rows[0] ?? []).map(textOf)
      await this.run(wait.set(this.lockWaitMs))
      this.previous = previous
    } catch (error) {
      // Before BEGIN nothing is lost: a server without the setting (MySQL without InnoDB) applies unbounded.
      if (scope === 'transaction') throw error
    }
  }

  /** Restores the lock-wait bound the apply found, if it was set at this point. */
  async unbound(scope: 'session' | 'transaction'): Promise<void> {
    const wait = this.dialect.lockWait
    if (!wait || wait.scope !== scope || this.previous === null) return
    const { sql, params } = wait.restore(this.previous)
    this.previous = null
    await this.run(sql, params)
  }

  /**
   * Runs the planned statements in order; each must affect exactly one row. Goes on past a
   * conflict to find the others (everything is undone anyway), stops at an error or a cancel.
   */
  async statements(
    statements: readonly PlannedStatement[],
  ): Promise<{ conflicts: Conflict[]; failure: QuarryFailure | null }> {
    const conflicts: Conflict[] = []
    for (const statement of statements) {
      if (this.cancelled) break
      try {
        const affected = this.affected(await this.run(statement.sql, statement.texts, true))
        if (affected !== 1) conflicts.push({ statement, affected: affected ?? 0 })
      } catch (error) {
        if (this.cancelled) break
        return { conflicts, failure: this.failure(error, statement) }
      }
    }
    return { conflicts, failure: null }
  }

  /**
   * Undoes everything the apply did. `quiet` after a failure or a cancel: the session may be gone
   * (which rolls back too), and the failure is the one told.
   */
  async undo(wrap: ApplyPlan, quiet: boolean): Promise<void> {
    for (const sql of wrap.undo) {
      await this.run(sql).catch((error: unknown) => {
        if (!quiet) throw error
      })
    }
  }

  /** The row as it is now (after the rollback), found by its key; null when gone or an insert. */
  async current(statement: PlannedStatement): Promise<Record<string, WireValue> | null> {
    if (!statement.current) return null
    const { columns, rows } = await this.run(statement.current.sql, statement.current.texts, true)
    const row = rows[0]
    return row ? Object.fromEntries(columns.map((name, i) => [name, row[i] ?? null])) : null
  }

  /** The statement's count: its summary's, or the value of its own count query (see EditDialect.counted). */
  private affected(ran: Ran): number | null {
    if (!this.dialect.counted) return ran.affected
    const count = Number(textOf(ran.rows.at(-1)?.[0] ?? null))
    return Number.isInteger(count) ? count : null
  }

  /** A statement's failure, told as what failed and that everything was rolled back; a lock wait said plainly. */
  private failure(error: unknown, statement: PlannedStatement): QuarryFailure {
    const what = `Change ${statement.change + 1} failed`
    const locked = error instanceof QuarryFailure && this.dialect.lockWait?.timedOut(error.error)
    return locked ? lockedFailure(error, what, this.lockWaitMs) : changeFailure(error, what)
  }
}

/** A value read back as text (a count, a setting). */
function textOf(value: WireValue): string {
  if (value === null) return ''
  if (typeof value === 'object') return value.v
  return String(value)
}
