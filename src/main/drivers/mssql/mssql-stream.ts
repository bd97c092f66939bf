import { splitStatements } from '../../../shared/dialect/split-statements'
import type { ScriptEngine } from '../engine-session'
import { cancelledFailure, toMssqlFailure } from './mssql-errors'
import type { SessionPool } from './mssql-pool'
import { MssqlScriptSession } from './mssql-script-session'
import type { BatchContext } from './mssql-script-session'

/** What the runner's engine needs from its connection. */
export interface MssqlEngineContext extends BatchContext {
  pool: SessionPool
  /** The connection's database, for runs that name none. */
  database: string
}

/**
 * SQL Server for the script runner: batch by batch (split at GO lines, `GO n` running a batch n
 * times) on one session, so temp tables and transactions carry across batches. Before the session
 * goes back to the pool it is reset (sp_reset_connection: open transactions rolled back, temp
 * tables dropped, SET options and database restored), so no run sees another's state.
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
  }
}
