import { QuarryFailure } from '../../../shared/contract'
import { splitStatements } from '../../../shared/dialect/split-statements'
import type { ScriptEngine } from '../engine-session'
import type { HostPool } from './host-pool'
import type { HostProcess } from './host-process'
import { cancelledError, sqliteError } from './sqlite-errors'
import { SqliteScriptSession } from './sqlite-script-session'

/**
 * SQLite for the script runner: each run holds one query host of the pool. The read-only guard is
 * the host's (sqlite3_stmt_readonly before any step), so there is no mode to enter around a statement.
 */
export const sqliteEngine = (
  pool: HostPool,
  /** Starts a host of its own (an editor tab's connection to the file), outside the pool. */
  spawnHost: () => Promise<HostProcess>,
): ScriptEngine<SqliteScriptSession> => ({
  engine: 'sqlite',
  // A read-only connection's host refuses writes itself, guard or not.
  readOnly: false,
  split: (sql) => splitStatements(sql, 'sqlite'),
  // Not raced against the abort: the pool honours the signal itself, and a host it hands over is released.
  acquire: async (_run, signal) => new SqliteScriptSession(await pool.acquire(signal), pool),
  // Dead hosts are dropped by the pool.
  release: async ({ host }) => pool.release(host),
  cancelled: () => new QuarryFailure(cancelledError()),
  tabSessions: {
    open: async () => new SqliteScriptSession(await spawnHost(), pool),
    transaction: async ({ host }) =>
      host.alive && (await host.request('session.inTransaction', {})) ? 'open' : 'idle',
    // Its connection closes with it: SQLite rolls back what was not committed.
    close: ({ host }) => host.shutdown(sqliteError('connection', 'The editor tab’s session was closed')),
  },
})
