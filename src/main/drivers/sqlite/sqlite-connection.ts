import type { BuiltTableQuery, ServerInfo, WireValue } from '../../../shared/contract'
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
import { HostPool } from './host-pool'
import type { HostProcess } from './host-process'
import { databaseNameOf } from './sqlite-dialect'
import { sqliteError, sqliteFailure } from './sqlite-errors'
import { HostCatalog, catalogReader } from '../engine-host/host-catalog'
import { RespawningHost } from '../engine-host/respawning-host'
import type { HostMethods, HostStats } from './sqlite-protocol'
import { sqliteEngine } from './sqlite-stream'
import type { SqliteScriptSession } from './sqlite-script-session'
import { ScriptRunner } from '../script-runner'
import { sqliteBulkWriter } from './sqlite-bulk-writer'
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import { sqlEdits } from '../edits/sql-edits'
import { sqlTablePages } from '../pages/sql-pages'
import { SQLITE_EDIT_DIALECT } from './sqlite-edit-dialect'

/** What a connection needs from its driver. */
export interface SqliteConnectionContext {
  file: string
  /** Starts a host with the database open; `first` may create the file, later ones must not. */
  spawnHost(first: boolean): Promise<HostProcess>
  serverInfo(sqliteVersion: string): ServerInfo
  maxQueryHosts: number
}

/** One host process of a connection, for diagnostics and tests. */
export interface HostDiagnostics {
  pid: number | undefined
  role: 'meta' | 'query'
  /** A request is in flight (the host may be inside a long step). */
  busy: boolean
  /** The host's counters; null for a busy host, which could only answer after its step. */
  stats: HostStats | null
}

const closedError = () => sqliteError('connection', 'Connection is closed')

/**
 * One SQLite connection as main sees it: a metadata host that answers catalog calls, and a pool
 * of query hosts, one per running query, so neither ever waits behind the other.
 */
export class SqliteConnection extends HostCatalog implements DriverConnection {
  readonly engine = 'sqlite' as const
  readonly edits: ConnectionEdits = sqlEdits(this, SQLITE_EDIT_DIALECT)
  readonly pages: TablePages = sqlTablePages(this, SQLITE_EDIT_DIALECT)
  readonly bulk: BulkWriter = sqliteBulkWriter
  private readonly meta: RespawningHost<HostMethods, HostProcess>
  private readonly pool: HostPool
  private readonly runner: ScriptRunner<SqliteScriptSession>
  private readonly databaseName: string

  constructor(context: SqliteConnectionContext, metaHost: HostProcess) {
    const meta = new RespawningHost<HostMethods, HostProcess>(metaHost, () => context.spawnHost(false), closedError)
    super(catalogReader(meta), (version) => context.serverInfo(version))
    this.meta = meta
    this.pool = new HostPool(() => context.spawnHost(false), context.maxQueryHosts)
    this.runner = new ScriptRunner(sqliteEngine(this.pool, () => context.spawnHost(false)))
    this.databaseName = databaseNameOf(context.file)
  }

  /** An editor tab's own connection to the file: a host of its own, outside the pool. */
  openSession(): Promise<SessionHandle> {
    if (this.meta.closed) return Promise.reject(new QuarryFailure(closedError()))
    return this.runner.openSession()
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.meta.closed) return failing(new QuarryFailure(closedError()))
    if (options.database !== undefined && options.database !== this.databaseName) {
      return failing(sqliteFailure('not-found', `Database "${options.database}" does not exist`))
    }
    return this.runner.stream(sql, options)
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /**
   * A catalog statement of the driver's on the metadata host, which has the schema read already:
   * a query host would be taken from the pool (one started for each statement run at once).
   */
  async catalogRows(_database: string, query: BuiltTableQuery): Promise<WireValue[][]> {
    return this.meta.read('meta.catalogRows', { sql: query.sql, params: query.params })
  }

  /** Every live host of this connection, with its counters when it is idle. */
  async diagnostics(): Promise<HostDiagnostics[]> {
    const meta = await this.meta.live()
    const hosts = [
      { host: meta, role: 'meta' as const },
      ...this.pool.all().map((host) => ({ host, role: 'query' as const })),
    ]
    return Promise.all(
      hosts.map(async ({ host, role }) => {
        const busy = host.busy
        return { pid: host.pid, role, busy, stats: busy ? null : await host.request('stats', {}) }
      }),
    )
  }

  async close(): Promise<void> {
    if (this.meta.closed) return
    // Running queries fail as the connection closing (their hosts end); then the tabs' own hosts go.
    await Promise.all([this.pool.close(), this.meta.close()])
    await this.runner.abortAll()
  }
}
