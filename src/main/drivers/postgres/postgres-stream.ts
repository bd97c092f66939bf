import { splitStatements } from '../../../shared/dialect/split-statements'
import type { ScriptEngine } from '../engine-session'
import { cancelledFailure } from './postgres-errors'
import type { SessionPool } from './postgres-pool'
import type { PgSession } from './postgres-session'
import type { TransactionState } from '../../../shared/contract'
import { PostgresScriptSession } from './postgres-script-session'
import type { StatementContext } from './postgres-script-session'

/** What the runner's engine needs from its connection. */
export interface PostgresEngineContext extends StatementContext {
  pool: SessionPool
  /** The connection's database, for runs that name none. */
  database: string
  /** A read-only connection: every statement runs in a READ ONLY transaction the driver opens. */
  readOnly: boolean
  /** Opens a server session outside the pool (an editor tab's own). */
  openSession(database: string): Promise<PgSession>
}

const TRANSACTION: Record<string, TransactionState> = { I: 'idle', T: 'open', E: 'failed' }

/**
 * PostgreSQL for the script runner: statement by statement on one pooled session (so BEGIN …
 * COMMIT spans statements). Before a session goes back to the pool, a transaction left open is
 * rolled back and changed session state is discarded, so the next run starts clean.
 */
export function postgresEngine(context: PostgresEngineContext): ScriptEngine<PostgresScriptSession> {
  const { pool } = context
  return {
    engine: 'postgres',
    readOnly: context.readOnly,
    split: (sql) => splitStatements(sql, 'postgres'),
    acquire: async ({ database }, signal) =>
      new PostgresScriptSession(await pool.acquire(database ?? context.database, signal), context),
    async release({ session, changedSession }, { broken }) {
      try {
        if (broken) session.destroy()
        if (session.alive && session.transactionStatus !== 'I') await session.query('ROLLBACK')
        if (session.alive && changedSession) await session.query('DISCARD ALL')
      } catch {
        session.destroy()
      } finally {
        pool.release(session)
      }
    },
    cancelled: cancelledFailure,
    tabSessions: {
      open: async (database) =>
        new PostgresScriptSession(await context.openSession(database ?? context.database), context),
      // From the server's last ReadyForQuery: no statement is sent to ask.
      transaction: async ({ session }) =>
        session.alive ? (TRANSACTION[session.transactionStatus ?? 'I'] ?? 'idle') : 'idle',
      close: ({ session }) => session.close(),
    },
  }
}
