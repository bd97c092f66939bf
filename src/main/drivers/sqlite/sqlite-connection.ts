import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { DriverConnection, ExecuteOptions, QueryResult, SessionHandle, StreamItem, StreamOptions } from '../driver'
import { HostPool } from './host-pool'
import type { HostProcess } from './host-process'
import { databaseNameOf } from './sqlite-dialect'
import { sqliteError, sqliteFailure } from './sqlite-errors'
import type { HostMethod, HostParams, HostResult, HostStats } from './sqlite-protocol'
import { sqliteEngine } from './sqlite-stream'
import type { SqliteScriptSession } from './sqlite-script-session'
import { ScriptRunner } from '../script-runner'
import { EXECUTE_BATCH_SIZE, collectLastResult } from '../stream-results'

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
export class SqliteConnection implements DriverConnection {
  readonly engine = 'sqlite' as const
  private meta: Promise<HostProcess>
  private readonly pool: HostPool
  private readonly runner: ScriptRunner<SqliteScriptSession>
  private readonly databaseName: string
  private closed = false

  constructor(
    private readonly context: SqliteConnectionContext,
    metaHost: HostProcess,
  ) {
    this.meta = Promise.resolve(metaHost)
    this.pool = new HostPool(() => context.spawnHost(false), context.maxQueryHosts)
    this.runner = new ScriptRunner(sqliteEngine(this.pool, () => context.spawnHost(false)))
    this.databaseName = databaseNameOf(context.file)
  }

  async ping(): Promise<void> {
    await this.call('ping', {})
  }

  version(): Promise<string> {
    return this.call('version', {})
  }

  async serverInfo(): Promise<ServerInfo> {
    return this.context.serverInfo(await this.version())
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.call('meta.databases', {})
  }

  schemas(database: string): Promise<SchemaInfo[]> {
    return this.call('meta.schemas', { database })
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.call('meta.tables', { database, schema })
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.call('meta.tableSchema', { database, schema, table })
  }

  /** An editor tab's own connection to the file: a host of its own, outside the pool. */
  openSession(): Promise<SessionHandle> {
    if (this.closed) return Promise.reject(new QuarryFailure(closedError()))
    return this.runner.openSession()
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(new QuarryFailure(closedError()))
    if (options.database !== undefined && options.database !== this.databaseName) {
      return failing(sqliteFailure('not-found', `Database "${options.database}" does not exist`))
    }
    return this.runner.stream(sql, options)
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** Every live host of this connection, with its counters when it is idle. */
  async diagnostics(): Promise<HostDiagnostics[]> {
    const meta = await this.metaHost()
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
    if (this.closed) return
    this.closed = true
    const meta = await this.meta.catch(() => null)
    await Promise.all([this.pool.close(), meta?.shutdown(closedError())])
  }

  private async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    const host = await this.metaHost()
    try {
      return await host.request(method, params)
    } catch (error) {
      // These calls only read: if the host died under one (crashed, killed from outside), a fresh
      // host answers it once more rather than failing the caller.
      if (host.alive || this.closed) throw error
      return (await this.metaHost()).request(method, params)
    }
  }

  /** The metadata host, started again if it died (crashed, or was killed from outside). */
  private metaHost(): Promise<HostProcess> {
    if (this.closed) return Promise.reject(new QuarryFailure(closedError()))
    this.meta = this.meta.then(
      (host) => (host.alive ? host : this.context.spawnHost(false)),
      () => this.context.spawnHost(false),
    )
    return this.meta
  }
}

/** An iterable whose iteration fails at once: stream() reports errors through iteration. */
async function* failing(failure: QuarryFailure): AsyncGenerator<StreamItem> {
  throw failure
}
