import { splitStatements } from '../../../shared/dialect/split-statements'
import type { TransactionState } from '../../../shared/contract'
import type { ScriptEngine } from '../engine-session'
import type { MssqlSession } from './mssql-client'
import { cancelledFailure, toMssqlFailure } from './mssql-errors'
import type { SessionPool } from './mssql-pool'
import { MssqlScriptSession } from './mssql-script-session'
import type { BatchContext } from './mssql-script-session'

/** What the runner's engine needs from its connection. */
export interface MssqlEngineContext extends BatchContext {
  pool: SessionPool
  /** The connection's database, for runs that name none. */
  database: string
  /** Opens a server session outside the pool and its cap (an editor tab's own); errors typed. */
  openSession(database: string): Promise<MssqlSession>
}

/** The session's transaction, asked without touching it: nesting count and whether it can commit. */
export const TRANSACTION_STATE = 'SELECT @@TRANCOUNT AS n, XACT_STATE() AS s'

/** @@TRANCOUNT 0: none; XACT_STATE -1: uncommittable (only ROLLBACK helps); otherwise open. */
export function transactionState(row: { n: number; s: number } | undefined): TransactionState {
  if (!row || row.n === 0) return 'idle'
  return row.s === -1 ? 'failed' : 'open'
}

/**
 * SQL Server for the script runner: batch by batch (split at GO lines, `GO n` running a batch n
 * times) on one session, so temp tables and transactions carry across batches. Before the session
 * goes back to the pool it is reset (sp_reset_connection: open transactions rolled back, temp
 * tables dropped, SET options and database restored), so no run sees another's state. An
 * editor tab's own session is a connection of its own, never reset: closing it makes the server
 * roll back what is open.
 */
export function mssqlEngine(context: MssqlEngineContext): ScriptEngine<MssqlScriptSession> {
  const { pool, target } = context
  return {
    engine: 'mssql',
    readOnly: false,
    markOnFirstEvent: true,
    split: (sql) => splitStatements(sql, 'mssql'),
    async acquire({ database }, signal) {
      const pooled = await pool.acquire(database ?? context.database, signal).catch((error: unknown) => {
        throw toMssqlFailure(error, { phase: 'query', target })
      })
      return new MssqlScriptSession(pooled, context)
    },
    async release({ pooled }, { broken }) {
      if (broken || !pooled.session.alive) return pool.discard(pooled)
      try {
        await pooled.session.reset()
        pool.release(pooled)
      } catch {
        pool.discard(pooled)
      }
    },
    cancelled: cancelledFailure,
    tabSessions: {
      open: async (database) => {
        const session = await context.openSession(database ?? context.database)
        return new MssqlScriptSession({ session, database: database ?? context.database }, context)
      },
      async transaction({ pooled: { session } }) {
        if (!session.alive) return 'idle'
        return transactionState((await session.query<{ n: number; s: number }>(TRANSACTION_STATE))[0])
      },
      close: ({ pooled: { session } }) => session.close(),
    },
  }
}
