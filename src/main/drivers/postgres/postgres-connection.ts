import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
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
import { COLUMN_ORIGINS, METADATA_SESSION_SETUP, SERVER_VERSION, TYPE_NAMES } from './postgres-catalog'
import { ColumnOrigins } from './postgres-column-origins'
import { connectError } from './postgres-connect-errors'
import { asFailure, isServerError, pgError, pgFailure } from './postgres-errors'
import { PostgresIntrospector } from './postgres-introspector'
import type { PgTarget } from './postgres-options'
import { SessionPool } from './postgres-pool'
import type { PoolLimits } from './postgres-pool'
import type { PgSession } from './postgres-session'
import type { PostgresScriptSession } from './postgres-script-session'
import { postgresEngine } from './postgres-stream'
import { ScriptRunner } from '../script-runner'
import { postgresBulkWriter } from './postgres-bulk-writer'
import { TypeNames } from './postgres-type-names'
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import { sqlEdits } from '../edits/sql-edits'
import { sqlTablePages } from '../pages/sql-pages'
import { POSTGRES_EDIT_DIALECT } from './postgres-edit-dialect'

/** What a connection needs from its driver. */
export interface PostgresConnectionContext {
  target: PgTarget
  /** A read-only connection: every statement runs in a READ ONLY transaction the driver opens. */
  readOnly: boolean
  /** Opens a session on a database (TLS attempts and all); errors are raw pg errors. */
  openSession(database: string): Promise<PgSession>
  limits: PoolLimits
  serverInfo(serverVersion: string): ServerInfo
}

/** Sessions and counters of a connection, for diagnostics and tests. */
export interface PostgresDiagnostics {
  /** Rows received from the server by this connection's streams so far. */
  rowsFetched: number
  sessions: { pid: number | null; role: 'query' | 'meta'; database: string; busy: boolean }[]
}

const closedFailure = () => pgFailure('connection', 'Connection is closed')

/**
 * One PostgreSQL connection as main sees it: a pool of server sessions (one per running stream,
 * one metadata session per database), reached through the same settings.
 */
export class PostgresConnection implements DriverConnection {
  readonly engine = 'postgres' as const
  readonly edits: ConnectionEdits = sqlEdits(this, POSTGRES_EDIT_DIALECT)
  readonly pages: TablePages = sqlTablePages(this, POSTGRES_EDIT_DIALECT)
  readonly bulk: BulkWriter = postgresBulkWriter
  private readonly pool: SessionPool
  private readonly runner: ScriptRunner<PostgresScriptSession>
  private readonly typeNames: TypeNames
  private readonly columnOrigins: ColumnOrigins
  private readonly introspector: PostgresIntrospector
  private rowsFetched = 0
  private serverVersion: string | null = null
  private closed = false

  private constructor(private readonly context: PostgresConnectionContext) {
    const open = async (database: string, role: 'query' | 'meta') => {
      let session: PgSession
      try {
        session = await context.openSession(database)
      } catch (error) {
        // A database that is not there is a missing object here; at connect() it is a connection failure.
        if (isServerError(error) && error.code === '3D000') {
          throw new QuarryFailure(pgError('not-found', `Database "${database}" does not exist`, error.code))
        }
        throw new QuarryFailure(connectError(error, { ...context.target, database }))
      }
      if (role === 'meta') await session.query(METADATA_SESSION_SETUP).catch(() => {})
      return session
    }
    this.pool = new SessionPool(open, context.limits)
    this.typeNames = new TypeNames(async (database, types, typmods) =>
      (await this.meta(database))
        .query<{ name: string }>(TYPE_NAMES, [types, typmods])
        .then((rows) => rows.map((r) => r.name)),
    )
    this.columnOrigins = new ColumnOrigins(async (database, tables, columns) =>
      (await this.meta(database))
        .query<{ schema: string | null; table: string | null; column: string | null }>(COLUMN_ORIGINS, [
          tables,
          columns,
        ])
        .then((rows) =>
          rows.map((r) =>
            r.schema !== null && r.table !== null && r.column !== null
              ? { schema: r.schema, table: r.table, column: r.column }
              : null,
          ),
        ),
    )
    this.introspector = new PostgresIntrospector((database) => this.meta(database))
    this.runner = new ScriptRunner(
      postgresEngine({
        pool: this.pool,
        typeNames: this.typeNames,
        columnOrigins: this.columnOrigins,
        database: context.target.database,
        readOnly: context.readOnly,
        openSession: (database) => open(database, 'query'),
        onRows: (count) => (this.rowsFetched += count),
      }),
    )
  }

  /** Connects: opens the metadata session of the default database, which proves the settings work. */
  static async open(context: PostgresConnectionContext): Promise<PostgresConnection> {
    const connection = new PostgresConnection(context)
    try {
      await connection.version()
      connection.pool.warm(context.target.database)
    } catch (error) {
      await connection.close()
      const failure = asFailure(error)
      if (failure.error.kind !== 'not-found') throw failure
      const { database, label } = context.target
      throw new QuarryFailure({
        ...failure.error,
        kind: 'connection',
        message: `Database "${database}" does not exist on ${label}`,
      })
    }
    return connection
  }

  async ping(): Promise<void> {
    await this.call(async () => (await this.meta(this.context.target.database)).query('SELECT 1'))
  }

  async version(): Promise<string> {
    if (this.closed) throw closedFailure()
    this.serverVersion ??= await this.call(async () => {
      const [row] = await (
        await this.meta(this.context.target.database)
      ).query<{ server_version: string }>(SERVER_VERSION)
      return row?.server_version ?? 'unknown'
    })
    return this.serverVersion
  }

  async serverInfo(): Promise<ServerInfo> {
    return this.context.serverInfo(await this.version())
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.call(() => this.introspector.databases(this.context.target.database))
  }

  /** Schemas of a database; pg_catalog, information_schema and pg_toast/pg_temp only when asked. */
  schemas(database: string, options: { includeSystem?: boolean } = {}): Promise<SchemaInfo[]> {
    return this.call(() => this.introspector.schemas(database, options.includeSystem))
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.call(() => this.introspector.tables(database, schema))
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.call(() => this.introspector.tableSchema(database, schema, table))
  }

  openSession(database?: string): Promise<SessionHandle> {
    if (this.closed) return Promise.reject(closedFailure())
    return this.runner.openSession(database)
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(closedFailure())
    return this.runner.stream(sql, options)
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  async diagnostics(): Promise<PostgresDiagnostics> {
    const sessions = await this.pool.all()
    return {
      rowsFetched: this.rowsFetched,
      sessions: sessions.map(({ session, role }) => ({
        pid: session.pid,
        role,
        database: session.database,
        busy: session.busy,
      })),
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // Running statements are cancelled on the server, not left to run on a closed socket.
    await this.runner.abortAll()
    await this.pool.close()
  }

  private async meta(database: string): Promise<PgSession> {
    if (this.closed) throw closedFailure()
    return this.pool.meta(database)
  }

  /**
   * Runs a catalog call. These only read: if the metadata session died under it (server restart,
   * idle timeout, pg_terminate_backend), a fresh session answers it once more rather than failing.
   */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedFailure()
    try {
      return await work()
    } catch (error) {
      const failure = asFailure(error)
      if (failure.error.kind !== 'connection' || failure.error.code === '3D000' || this.closed) throw failure
      try {
        return await work()
      } catch (again) {
        throw asFailure(again)
      }
    }
  }
}
