import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { QuarryFailure } from '../../../shared/contract'
import { CALL_TIMEOUT_CODE, callTimeoutMessage, withCallTimeout } from '../call-timeout'
import type {
  BulkWriter,
  ConnectionEdits,
  DriverConnection,
  ExecuteOptions,
  QueryResult,
  SessionHandle,
  StreamItem,
  StreamOptions,
  TablePages,
} from '../driver'
import type { MysqlClient } from './mysql-client'
import { pingClient } from './mysql-client'
import { mysqlFailure, toMysqlFailure } from './mysql-errors'
import type { ErrorContext } from './mysql-errors'
import type { ServerProfile } from './mysql-flavor'
import { MysqlIntrospector } from './mysql-introspector'
import type { SessionPool, SessionRole } from './mysql-pool'
import type { ReadStats } from './mysql-result-reader'
import { mysqlEngine } from './mysql-stream'
import type { MysqlScriptSession } from './mysql-script-session'
import { ScriptRunner } from '../script-runner'
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import { sqlEdits } from '../edits/sql-edits'
import { sqlTablePages } from '../pages/sql-pages'
import { MYSQL_EDIT_DIALECT } from './mysql-edit-dialect'
import { mysqlBulkWriter } from './mysql-bulk-writer'

/** What a connection is made of, prepared by the driver's connect(). */
export interface MysqlConnectionParts {
  pool: SessionPool
  profile: ServerProfile
  /** host:port: the name of the tree's one database entry, and of the server in messages. */
  serverName: string
  /** The database the options named, if any: every session starts in it. */
  database: string | null
  /** A read-only connection (initSession makes every session read-only). */
  readOnly: boolean
  /** Session settings the connection's options ask for, applied to each new or reset session. */
  initSession(client: MysqlClient): Promise<void>
  serverInfo(profile: ServerProfile): ServerInfo
  /** Longest a catalog call may wait for the server before its session is dropped. */
  callTimeoutMs: number
}

/** A session of this connection, for diagnostics and tests. */
export interface SessionDiagnostics {
  threadId: number
  role: SessionRole
}

const CLOSE_CANCEL_MS = 2_000

/**
 * One MySQL/MariaDB connection as main sees it: a pool of server sessions. Each running stream holds
 * a query session of its own until it ends; catalog calls use meta sessions and cancels a control
 * session, so neither ever waits behind a running query.
 */
export class MysqlConnection implements DriverConnection {
  readonly engine = 'mysql' as const
  readonly edits: ConnectionEdits = sqlEdits(this, MYSQL_EDIT_DIALECT)
  readonly pages: TablePages = sqlTablePages(this, MYSQL_EDIT_DIALECT)
  readonly bulk: BulkWriter = mysqlBulkWriter
  /** Rows read from the server by this connection's streams, for diagnostics and tests. */
  readonly stats: ReadStats = { rowsRead: 0 }
  private readonly runner: ScriptRunner<MysqlScriptSession>
  private readonly introspector: MysqlIntrospector
  private readonly errors: ErrorContext
  private closed = false

  constructor(private readonly parts: MysqlConnectionParts) {
    this.introspector = new MysqlIntrospector(parts.profile, parts.serverName)
    this.errors = { flavor: parts.profile.flavor, target: parts.serverName, phase: 'query' }
    const { pool, profile, database, initSession, readOnly } = parts
    this.runner = new ScriptRunner(
      mysqlEngine({ pool, profile, database, initSession, readOnly, stats: this.stats, errors: this.errors }),
    )
  }

  ping(): Promise<void> {
    return this.meta((client) => pingClient(client))
  }

  async version(): Promise<string> {
    this.checkOpen()
    return this.parts.profile.version
  }

  async serverInfo(): Promise<ServerInfo> {
    this.checkOpen()
    return this.parts.serverInfo(this.parts.profile)
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.meta((client) => this.introspector.databases(client))
  }

  schemas(database: string): Promise<SchemaInfo[]> {
    return this.meta((client) => this.introspector.schemas(client, database))
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.meta((client) => this.introspector.tables(client, database, schema))
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.meta((client) => this.introspector.tableSchema(client, database, schema, table))
  }

  /** An editor tab's own server session (a `tab` session of the pool, never shared). */
  openSession(): Promise<SessionHandle> {
    if (this.closed) return Promise.reject(mysqlFailure('connection', 'Connection is closed'))
    return this.runner.openSession()
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(mysqlFailure('connection', 'Connection is closed'))
    if (options.database !== undefined && options.database !== this.parts.serverName) {
      return failing(mysqlFailure('not-found', `Database "${options.database}" does not exist`))
    }
    return this.runner.stream(sql, options)
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** The sessions open right now. */
  diagnostics(): SessionDiagnostics[] {
    return this.parts.pool.all().map((session) => ({ threadId: session.threadId, role: session.role }))
  }

  /** Stops running statements in the engine (a closed socket would not stop a SLEEP), then closes every session. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.race([this.runner.abortAll(), new Promise((resolve) => setTimeout(resolve, CLOSE_CANCEL_MS))])
    await this.parts.pool.close()
  }

  /**
   * Runs catalog work on a meta session. These calls only read: if the session turns out dead
   * (closed by the server while idle), a fresh one answers once more rather than failing the caller.
   */
  private async meta<T>(work: (client: MysqlClient) => Promise<T>): Promise<T> {
    const { pool } = this.parts
    for (let attempt = 0; ; attempt++) {
      this.checkOpen()
      // Opening a session is a connect: its errors are worded as such (timed out, refused…).
      const session = await pool.acquire('meta').catch((error: unknown) => {
        throw toMysqlFailure(error, { ...this.errors, phase: 'connect' })
      })
      try {
        const value = await withCallTimeout(work(session.client), this.parts.callTimeoutMs, () => {
          // A session the server stopped answering is in an unknown state: never reused.
          pool.discard(session)
          return timedOut(this.parts.serverName, this.parts.callTimeoutMs)
        })
        pool.release(session)
        return value
      } catch (error) {
        const failure = toMysqlFailure(error, this.errors)
        const lost = failure.error.kind === 'connection' || !session.alive
        if (lost) pool.discard(session)
        else pool.release(session)
        // A dead session is worth one more try on a fresh one; a silent server is not.
        if (failure.error.kind === 'connection' && attempt === 0 && !this.closed) continue
        throw failure
      }
    }
  }

  private checkOpen(): void {
    if (this.closed) throw mysqlFailure('connection', 'Connection is closed')
  }
}

/** The timeout error of a catalog call the server did not answer. */
export const timedOut = (serverName: string, timeoutMs: number): QuarryFailure =>
  mysqlFailure('timeout', callTimeoutMessage(`The MySQL server ${serverName}`, timeoutMs), CALL_TIMEOUT_CODE)
