import type { MysqlClient } from './mysql-client'
import { runQuery } from './mysql-client'
import type { MysqlErrorLike } from './mysql-errors'
import type { ServerFlavor } from './mysql-flavor'

/** The statement to stop: the server thread running it, and whether the client has seen it end. */
export interface KillTarget {
  threadId: number
  ended(): boolean
}

interface ProcessRow {
  command: string
  queryId?: number | string
}

// information_schema.PROCESSLIST is in every MySQL and MariaDB; only MariaDB has QUERY_ID.
const PROCESS_SQL: Record<ServerFlavor, string> = {
  mariadb: 'SELECT COMMAND AS command, QUERY_ID AS queryId FROM information_schema.PROCESSLIST WHERE ID = ?',
  mysql: 'SELECT COMMAND AS command FROM information_schema.PROCESSLIST WHERE ID = ?',
}
const RUNNING = new Set(['Query', 'Execute'])
/** Unknown thread id (1094), MariaDB's unknown query id (1957): the statement ended first. */
const GONE = new Set([1094, 1957])
const RECHECK_MS = 5
const GIVE_UP_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** KILL takes no parameters; the ids spliced here are integers the server itself reported. */
function integer(value: number | string | undefined): string | null {
  const text = String(value)
  return /^\d+$/.test(text) ? text : null
}

/**
 * Stops the statement a session is running by KILL QUERY from another session (`control`), never
 * KILL CONNECTION: the session survives, receives its statement's end, and goes back to the pool.
 * It first checks in the process list that the thread is running a statement. The thread belongs
 * to one session that runs one statement at a time, so that statement is ours; MariaDB then kills
 * it by its query id, so a statement that ends in the meantime cannot take a later one down with
 * it. A statement sent but not yet started is looked for again until it starts or the client sees
 * it end. Resolves true if a KILL was sent.
 */
export async function killStatement(control: MysqlClient, flavor: ServerFlavor, target: KillTarget): Promise<boolean> {
  const giveUp = Date.now() + GIVE_UP_MS
  try {
    while (!target.ended() && Date.now() < giveUp) {
      const [row] = await runQuery<ProcessRow>(control, PROCESS_SQL[flavor], [target.threadId])
      if (!row) return false // the session itself is gone
      if (RUNNING.has(row.command)) {
        const queryId = integer(row.queryId)
        const thread = integer(target.threadId)
        const kill = flavor === 'mariadb' && queryId ? `KILL QUERY ID ${queryId}` : `KILL QUERY ${thread}`
        await runQuery(control, kill)
        return true
      }
      await sleep(RECHECK_MS)
    }
    return false
  } catch (error) {
    if (GONE.has((error as MysqlErrorLike).errno ?? 0)) return false
    throw error
  }
}
