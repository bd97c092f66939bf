import { QuarryFailure } from '../../../shared/contract'
import type { EditConflict, EditOutcome, EditPlan, EditRequest, TransactionState } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import type { ConnectionEdits, DriverConnection } from '../driver'
import type { HeldSession } from '../engine-session'
import { applyPlan, changeFailure, currentRow, runOn, runStatements } from './edit-apply'
import type { ApplyPlan } from './edit-apply'
import type { EditDialect } from './edit-dialect'
import { planEdits } from './edit-planner'
import type { EditStatements } from './edit-planner'

/** What apply is told of the session it runs on. */
export interface ApplyOptions {
  database?: string
  /** The tab's session (stays held); absent: a session of its own, closed after. */
  session?: HeldSession
  /** The session's transaction as the server reports it now (with `session`). */
  transaction?: TransactionState
  manualCommit: boolean
  planned?: (plan: EditPlan) => void
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
      const planned = await plan(request, options.database)
      const started = performance.now()
      const transaction = options.session ? (options.transaction ?? 'idle') : 'idle'
      const wrap = applyPlan(dialect, transaction, options.manualCommit)
      options.planned?.(planOf(planned, wrap))
      const own = options.session ? null : await openOwn(connection, options.database)
      const session = options.session ?? own!.held
      try {
        await runOn(connection, session, wrap.begin)
        const { conflicts, failure } = await runStatements(connection, session, planned.statements)
        if (failure || conflicts.length > 0) {
          // After a failure the session may be gone (which rolls back too): its error is the one told.
          for (const undo of wrap.undo) await runOn(connection, session, undo).catch(rethrowUnless(failure))
          if (failure && conflicts.length === 0) throw failure
          const found: EditConflict[] = []
          for (const { statement, affected } of conflicts) {
            const { change, sql, params, display } = statement
            const current = await currentRow(connection, session, statement)
            found.push({ change, statement: { change, sql, params, display }, affected, current })
          }
          return { kind: 'conflict', conflicts: found, session: null }
        }
        if (wrap.end) await end(connection, session, wrap)
        const elapsedMs = Math.round(performance.now() - started)
        return {
          kind: 'applied',
          statements: planned.statements.length,
          committed: wrap.commits,
          elapsedMs,
          session: null,
        }
      } finally {
        await own?.close()
      }
    },
  }
}

/** The plan as the review shows it: the key, each statement (without its internals), the wrapping. */
const planOf = ({ key, statements }: EditStatements, wrap: { begin: string; end: string }): EditPlan => ({
  key,
  statements: statements.map(({ change, sql, params, display }) => ({ change, sql, params, display })),
  transaction: { begin: wrap.begin, end: wrap.end },
})

/** Ends the apply (COMMIT, or RELEASE of the savepoint); a failed COMMIT (a deferred constraint) is told as such. */
async function end(connection: DriverConnection, session: HeldSession, wrap: ApplyPlan): Promise<void> {
  try {
    await runOn(connection, session, wrap.end)
  } catch (error) {
    const failure = changeFailure(error, `${wrap.end} failed`)
    for (const undo of wrap.undo) await runOn(connection, session, undo).catch(() => {})
    throw failure
  }
}

const rethrowUnless = (failure: QuarryFailure | null) => (error: unknown) => {
  if (!failure) throw error
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
