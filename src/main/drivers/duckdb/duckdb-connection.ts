import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { DriverConnection, QueryResult, StreamItem, StreamOptions } from '../driver'
import { EXECUTE_BATCH_SIZE, collectLastResult } from '../stream-results'
import { duckdbError, duckdbFailure } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'
import type { HostMethod, HostParams, HostResult, HostStats } from './duckdb-protocol'
import { duckdbEngine } from './duckdb-stream'
import type { DuckdbScriptSession } from './duckdb-script-session'
import { ScriptRunner } from '../script-runner'

/** What a connection needs from its driver. */
export interface DuckdbConnectionContext {
  /** Starts a host with the database open. */
  spawnHost(): Promise<DuckdbHostProcess>
  serverInfo(duckdbVersion: string): ServerInfo
}

const closedError = () => duckdbError('connection', 'Connection is closed')

/**
 * One DuckDB connection as main sees it: one host process holding the database, serving catalog
 * calls and every running script (each on a DuckDB connection of its own) concurrently. If the
 * host dies (a crash, or killed by the watchdog) the next call starts a new one; an in-memory
 * database starts empty again then.
 */
export class DuckdbConnection implements DriverConnection {
  readonly engine = 'duckdb' as const
  private host: Promise<DuckdbHostProcess>
  private readonly runner: ScriptRunner<DuckdbScriptSession>
  private closed = false

  constructor(
    private readonly context: DuckdbConnectionContext,
    first: DuckdbHostProcess,
  ) {
    this.host = Promise.resolve(first)
    this.runner = new ScriptRunner(duckdbEngine(() => this.liveHost()))
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

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(new QuarryFailure(closedError()))
    const { database } = options
    if (database === undefined) return this.runner.stream(sql, options)
    return this.inDatabase(database, () => this.runner.stream(sql, options))
  }

  async execute(sql: string, options: { database?: string; signal?: AbortSignal } = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** The host's pid and counters, for diagnostics and tests. */
  async diagnostics(): Promise<{ pid: number | undefined; stats: HostStats }> {
    const host = await this.liveHost()
    return { pid: host.pid, stats: await host.request('stats', {}) }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const host = await this.host.catch(() => null)
    await host?.shutdown(closedError())
  }

  /** A script run `USE`-ing a database: refused as not-found when no attached database has that name. */
  private async *inDatabase(database: string, run: () => AsyncIterable<StreamItem>): AsyncGenerator<StreamItem> {
    const known = await this.databases()
    if (!known.some((d) => d.name === database))
      throw duckdbFailure('not-found', `Database "${database}" does not exist`)
    yield* run()
  }

  private async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    const host = await this.liveHost()
    try {
      return await host.request(method, params)
    } catch (error) {
      // Catalog calls only read: if the host died under one, a fresh host answers it once more.
      if (host.alive || this.closed) throw error
      return (await this.liveHost()).request(method, params)
    }
  }

  /** The host, started again if it died. */
  private liveHost(): Promise<DuckdbHostProcess> {
    if (this.closed) return Promise.reject(new QuarryFailure(closedError()))
    this.host = this.host.then(
      (host) => (host.alive ? host : this.context.spawnHost()),
      () => this.context.spawnHost(),
    )
    return this.host
  }
}

/** An iterable whose iteration fails at once: stream() reports errors through iteration. */
async function* failing(failure: QuarryFailure): AsyncGenerator<StreamItem> {
  throw failure
}
