import { QuarryFailure } from '../../../shared/contract'
import type { EditConflict, EditOutcome, EditPlan, EditRequest, TransactionState } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import type { ConnectionEdits, DriverConnection } from '../driver'
import type { HeldSession } from '../engine-session'
import { applyPlan, changeFailure, unlessCancelled } from './edit-apply'
import type { ApplyPlan } from './edit-apply'
import type { EditDialect } from './edit-dialect'
import { planEdits } from './edit-planner'
import type { EditStatements } from './edit-planner'
import { APPLY_CANCELLED, EditRun } from './edit-run'

/** What apply is told of the session it runs on. */
export interface ApplyOptions {
  database?: string
  /** The tab's session (stays held); absent: a session of its own, closed after. */
  session?: HeldSession
  /** The session's transaction as the server reports it now (with `session`). */
  transaction?: TransactionState
  manualCommit: boolean
  planned?: (plan: EditPlan) => void
  /** Cancels the apply: the running statement stops in the engine and everything rolls back. */
  signal?: AbortSignal
  /** How long a statement may wait for a row another session has locked (EDIT_LOCK_WAIT_MS by default). */
  lockWaitMs?: number
}

/**
 * Editing for a SQL engine: the shared planner and apply, with the engine's dialect. The table's
 * schema is read fresh for each request (keys and types as the server has them now).
 */
export function sqlEdits(connection: DriverConnection, dialect: EditDialect): ConnectionEdits {
  const plan = async (request: EditRequest, database: string | undefined): Promise<EditStatements> => {
    const descriptor = engineOf(dialect.engine)
    // No database named: the server's only one (a file engine's, or MySQL's one server entry).
    const listed = database === undefined ? await connection.databases() : []
    const db =
      database ?? (descriptor.capabilities.multipleDatabases && listed.length > 1 ? undefined : listed[0]?.name)
    if (db === undefined) {
      const message = 'Name the database the table is in to edit it'
      throw new QuarryFailure({ kind: 'invalid-input', path: 'database', message, engine: dialect.engine })
    }
    const schema = request.target.schema ?? descriptor.editor.defaultSchema ?? db
    const table = await connection.tableSchema(db, schema, request.target.table)
    return planEdits(request, table, dialect)
  }
  return {
    async preview(request, options): Promise<EditPlan> {
      const wrap = applyPlan(dialect, options.transaction ?? 'idle', options.manualCommit ?? false)
      return planOf(await plan(request, options.database), wrap)
    },
    async apply(request, options: ApplyOptions): Promise<EditOutcome> {
      if (options.manualCommit && !options.session) {
        const message = "Manual commit needs the tab's session: its open transaction holds the changes"
        throw new QuarryFailure({ kind: 'invalid-input', path: 'manualCommit', message, engine: dialect.engine })
      }
      const cancelled = () => new QuarryFailure({ kind: 'cancelled', message: APPLY_CANCELLED, engine: dialect.engine })
      const planned = await unlessCancelled(plan(request, options.database), options.signal, cancelled)
      const started = performance.now()
      const transaction = options.session ? (options.transaction ?? 'idle') : 'idle'
      const wrap = applyPlan(dialect, transaction, options.manualCommit)
      options.planned?.(planOf(planned, wrap))
      const own = options.session ? null : await openOwn(connection, options.database)
      const session = options.session ?? own!.held
      const run = new EditRun(connection, session, dialect, options.signal, options.lockWaitMs)
      // Whether the apply's transaction (or savepoint) is open with nothing to end it yet: an error undoes it.
      let open = false
      try {
        await run.bound('session')
        await run.run(wrap.begin)
        open = true
        await run.bound('transaction')
        const { conflicts, failure } = await run.statements(planned.statements)
        if (run.cancelled || failure || conflicts.length > 0) {
          open = false
          await run.undo(wrap, run.cancelled || failure !== null)
          if (run.cancelled) throw run.cancelledFailure(transaction === 'open')
          if (failure && conflicts.length === 0) throw failure
          const found: EditConflict[] = []
          for (const { statement, affected } of conflicts) {
            const { change, sql, params, display } = statement
            const current = await run.current(statement)
            found.push({ change, statement: { change, sql, params, display }, affected, current })
          }
          return { kind: 'conflict', conflicts: found, session: null }
        }
        await run.unbound('transaction')
        open = false
        if (wrap.end) await end(run, wrap)
        const elapsedMs = Math.round(performance.now() - started)
        return {
          kind: 'applied',
          statements: planned.statements.length,
          committed: wrap.commits,
          elapsedMs,
          session: null,
        }
      } catch (error) {
        if (open) await run.undo(wrap, true)
        // Cancelled while the rows of a conflict were read: everything was rolled back already.
        throw run.cancelled && !isCancelled(error) ? run.cancelledFailure(transaction === 'open') : error
      } finally {
        await run.unbound('session').catch(() => {})
        await own?.close()
      }
    },
  }
}

const isCancelled = (error: unknown) => error instanceof QuarryFailure && error.error.kind === 'cancelled'

/** The plan as the review shows it: the key, each statement (without its internals), the wrapping. */
const planOf = ({ key, statements }: EditStatements, wrap: { begin: string; end: string }): EditPlan => ({
  key,
  statements: statements.map(({ change, sql, params, display }) => ({ change, sql, params, display })),
  transaction: { begin: wrap.begin, end: wrap.end },
})

/** Ends the apply (COMMIT, or RELEASE of the savepoint); a failed COMMIT (a deferred constraint) is told as such. */
async function end(run: EditRun, wrap: ApplyPlan): Promise<void> {
  try {
    await run.run(wrap.end)
  } catch (error) {
    const failure = changeFailure(error, `${wrap.end} failed`)
    await run.undo(wrap, true)
    throw failure
  }
}

async function openOwn(connection: DriverConnection, database: string | undefined) {
  if (!connection.openSession) {
    throw new QuarryFailure({
      kind: 'internal',
      message: 'This engine cannot hold a session for edits',
      engine: connection.engine,
    })
  }
  return connection.openSession(database)
}
