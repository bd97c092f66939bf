import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { splitStatements } from '../../../shared/dialect/split-statements'
import type { ScriptEngine } from '../engine-session'
import { resetClient, runQuery } from './mysql-client'
import type { MysqlClient, OkPacket } from './mysql-client'

/** The server status flag of an open transaction (MySQL protocol). */
const SERVER_STATUS_IN_TRANS = 1
import { cancelledFailure, toMysqlFailure } from './mysql-errors'
import { MysqlScriptSession } from './mysql-script-session'
import type { StatementContext } from './mysql-script-session'

/** What the runner's engine needs from its connection. */
export interface MysqlEngineContext extends StatementContext {
  /** The connection's default database, restored on a session a script moved with USE. */
  database: string | null
  /** Re-applies the connection's session settings after a reset. */
  initSession(client: MysqlClient): Promise<void>
}

const noop = (): void => {}

/**
 * MySQL/MariaDB for the script runner: statement by statement on one query session, so BEGIN …
 * COMMIT, temporary tables and variables carry across its statements. Whatever way a run ends,
 * its session goes back to the pool reset (COM_RESET_CONNECTION), or closed when its state is unknown.
 */
export function mysqlEngine(context: MysqlEngineContext): ScriptEngine<MysqlScriptSession> {
  const { pool, profile } = context
  return {
    engine: 'mysql',
    readOnly: context.readOnly,
    split: (sql) => splitStatements(sql, 'mysql'),
    async acquire(_run, signal) {
      // Opening a session may fail like a connect does (server down: ECONNREFUSED): a typed error.
      const session = await pool.acquire('query', signal).catch((error: unknown) => {
        throw toMysqlFailure(error, { ...context.errors, phase: 'connect' })
      })
      return new MysqlScriptSession(session, context)
    },
    /** Nothing of a run (transaction, temp tables, variables) leaks into the next. */
    async release({ session, killSent }, { broken }) {
      if (broken || !session.alive) return pool.discard(session)
      try {
        await resetClient(session.client)
        await context.initSession(session.client)
        // MySQL may keep a KILL QUERY that arrived just after its statement for the next one: spend it.
        if (killSent && profile.flavor === 'mysql') await runQuery(session.client, 'DO 0').catch(noop)
        if (session.schemaChanged) {
          if (!context.database) return pool.discard(session) // no way back to "no database" but a new session
          await runQuery(session.client, `USE ${quoteIdentifier('mysql', context.database)}`)
          session.schemaChanged = false
        }
        pool.release(session)
      } catch {
        pool.discard(session)
      }
    },
    cancelled: cancelledFailure,
    tabSessions: {
      async open() {
        const session = await pool.acquire('tab').catch((error: unknown) => {
          throw toMysqlFailure(error, { ...context.errors, phase: 'connect' })
        })
        return new MysqlScriptSession(session, context)
      },
      // DO 0 changes nothing; its OK packet carries the server's status flags.
      async transaction({ session }) {
        if (!session.alive) return 'idle'
        // A statement without rows answers mysql2's header (the OK packet), not rows.
        const ok = (await runQuery(session.client, 'DO 0')) as unknown as OkPacket
        return (ok.serverStatus ?? 0) & SERVER_STATUS_IN_TRANS ? 'open' : 'idle'
      },
      // Closing the connection makes the server roll back what is open.
      close: async ({ session }) => pool.discard(session),
    },
  }
}
