import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type {
  ConnectionEdits,
  DriverConnection,
  ExecuteOptions,
  QueryResult,
  SessionHandle,
  StreamItem,
  StreamOptions,
  TablePages,
} from '../driver'
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import { SERVER_VERSION } from './mssql-catalog-sql'
import type { MssqlSession, SessionOpener } from './mssql-client'
import { mssqlFailure, toMssqlFailure } from './mssql-errors'
import type { ConnectFailureLike } from './mssql-errors'
import { MssqlIntrospector, catalogQuery } from './mssql-introspector'
import { SessionPool } from './mssql-pool'
import type { PoolLimits } from './mssql-pool'
import type { MssqlScriptSession } from './mssql-script-session'
import { mssqlEngine } from './mssql-stream'
import { ScriptRunner } from '../script-runner'
import { sqlEdits } from '../edits/sql-edits'
import { sqlTablePages } from '../pages/sql-pages'
import { MSSQL_EDIT_DIALECT } from './mssql-edit-dialect'

/** What a connection needs from its driver. */
export interface MssqlConnectionContext {
  openSession: SessionOpener
  /** The database the options named ('' for the login's default). */
  database: string
  /** host:port or host\instance, for messages. */
  target: string
  limits: PoolLimits
  serverInfo(serverVersion: string): ServerInfo
}

const closedFailure = () => mssqlFailure('connection', 'Connection is closed')

/**
 * One SQL Server connection as main sees it: a pool of sessions, one per running script (each
 * its own TDS connection, so a cancel's attention only touches its own batch) and a metadata
 * session for the catalog, so browsing never waits behind a query.
 */
export class MssqlConnection implements DriverConnection {
  readonly engine = 'mssql' as const
  readonly edits: ConnectionEdits = sqlEdits(this, MSSQL_EDIT_DIALECT)
  readonly pages: TablePages = sqlTablePages(this, MSSQL_EDIT_DIALECT)
  /** Rows received from the server by this connection's streams, for diagnostics and tests. */
  rowsFetched = 0
  private readonly pool: SessionPool
  private readonly runner: ScriptRunner<MssqlScriptSession>
  private readonly introspector: MssqlIntrospector
  /** The editor tabs' own sessions (outside the pool), for diagnostics. */
  private readonly tabSessions = new Set<MssqlSession>()
  private serverVersion: string | null = null
  private closed = false

  private constructor(private readonly context: MssqlConnectionContext) {
    const open = async (database: string): Promise<MssqlSession> => {
      try {
        return await context.openSession(database)
      } catch (error) {
        const messages = (error as ConnectFailureLike | null)?.loginMessages ?? []
        if (database && database !== context.database && messages.some((m) => m.number === 4060)) {
          throw mssqlFailure('not-found', `Database "${database}" does not exist or cannot be opened`, '4060')
        }
        throw toMssqlFailure(error, { phase: 'connect', target: context.target })
      }
    }
    this.pool = new SessionPool(open, context.limits)
    const meta = () => this.meta()
    this.introspector = new MssqlIntrospector(meta, catalogQuery(meta))
    this.runner = new ScriptRunner(
      mssqlEngine({
        pool: this.pool,
        database: context.database,
        target: context.target,
        openSession: async (database) => {
          const session = await open(database)
          this.tabSessions.add(session)
          return session
        },
        onRows: (count) => (this.rowsFetched += count),
      }),
    )
  }

  /** Connects: opens the metadata session, which proves the settings work, and reads the version. */
  static async open(context: MssqlConnectionContext): Promise<MssqlConnection> {
    const connection = new MssqlConnection(context)
    try {
      await connection.version()
    } catch (error) {
      await connection.close()
      throw toMssqlFailure(error, { phase: 'connect', target: context.target })
    }
    return connection
  }

  async ping(): Promise<void> {
    await this.call(async () => (await this.meta()).query('SELECT 1 AS ok'))
  }

  async version(): Promise<string> {
    if (this.closed) throw closedFailure()
    this.serverVersion ??= await this.call(async () => {
      const [row] = await (await this.meta()).query<{ version: string; edition: string }>(SERVER_VERSION)
      return row ? `${row.version} (${row.edition})` : 'unknown'
    })
    return this.serverVersion
  }

  async serverInfo(): Promise<ServerInfo> {
    return this.context.serverInfo(await this.version())
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.call(() => this.introspector.databases())
  }

  schemas(database: string): Promise<SchemaInfo[]> {
    return this.call(() => this.introspector.schemas(database))
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.call(() => this.introspector.tables(database, schema))
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.call(() => this.introspector.tableSchema(database, schema, table))
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(closedFailure())
    return this.runner.stream(sql, options)
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** An editor tab's own server session: a connection of its own, outside the pool's cap. */
  openSession(database?: string): Promise<SessionHandle> {
    if (this.closed) return Promise.reject(closedFailure())
    return this.runner.openSession(database)
  }

  /** The sessions open now (server SPIDs), for diagnostics and tests. */
  async sessions(): Promise<{ spid: number; role: 'query' | 'meta' | 'tab' }[]> {
    for (const session of this.tabSessions) if (!session.alive) this.tabSessions.delete(session)
    const tabs = [...this.tabSessions].map((session) => ({ spid: session.spid, role: 'tab' as const }))
    return [...(await this.pool.sessions()), ...tabs]
  }

  /** Stops running batches in the engine (attention), then closes every session. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.runner.abortAll() // tabs' sessions included
    await this.pool.close()
    await Promise.all([...this.tabSessions].map((session) => session.close().catch(() => {})))
    this.tabSessions.clear()
  }

  private meta(): Promise<MssqlSession> {
    if (this.closed) return Promise.reject(closedFailure())
    return this.pool.meta(this.context.database)
  }

  /** Runs a catalog call; if the metadata session died under it, a fresh one answers once more. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedFailure()
    try {
      return await work()
    } catch (error) {
      const failure = toMssqlFailure(error, { phase: 'query', target: this.context.target })
      if (failure.error.kind !== 'connection' || this.closed) throw failure
      try {
        return await work()
      } catch (again) {
        throw toMssqlFailure(again, { phase: 'query', target: this.context.target })
      }
    }
  }
}
