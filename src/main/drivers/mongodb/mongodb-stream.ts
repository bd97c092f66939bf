import { randomUUID } from 'node:crypto'
import { parseShellScript } from '../../../shared/mongo-shell/shell-command'
import type { ScriptEngine } from '../engine-session'
import { cancelledFailure, toMongoFailure } from './mongodb-errors'
import { MongoScriptSession } from './mongodb-script-session'
import type { CommandContext } from './mongodb-script-session'

/** What the runner's engine needs from its connection. */
export interface MongoEngineContext extends CommandContext {
  /** The connection's database, for runs that name none. */
  database: string
  /** Fails with not-found when the database is not on the server (checked before anything runs). */
  checkDatabase(database: string): Promise<void>
  /** The sessions of the runs in flight, for diagnostics. */
  live: Set<MongoScriptSession>
}

/**
 * MongoDB for the script runner: a script is shell commands (parsed, never evaluated), run in
 * order in one explicit session of their own, which the run ends when it is over.
 */
export function mongoEngine(context: MongoEngineContext): ScriptEngine<MongoScriptSession> {
  return {
    engine: 'mongodb',
    readOnly: false,
    split(sql) {
      try {
        return parseShellScript(sql)
      } catch (error) {
        throw toMongoFailure(error)
      }
    },
    emptyScript: 'Nothing to run: the text has no command (try db.collection.find({}))',
    async acquire({ database = context.database, queryId = randomUUID() }) {
      await context.checkDatabase(database)
      const session = new MongoScriptSession(context, database, queryId)
      context.live.add(session)
      return session
    },
    async release(session) {
      context.live.delete(session)
      await session.session.endSession().catch(() => {})
    },
    cancelled: cancelledFailure,
  }
}
