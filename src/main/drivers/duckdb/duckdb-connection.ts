import { randomUUID } from 'node:crypto'
import type { ServerInfo } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { DriverConnection, QueryResult, StreamItem, StreamOptions } from '../driver'
import { EXECUTE_BATCH_SIZE, collectLastResult } from '../stream-results'
import { duckdbError, duckdbFailure } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'
import { HostCatalog, catalogReader } from '../engine-host/host-catalog'
import { RespawningHost } from '../engine-host/respawning-host'
import type { HostMethods, HostStats } from './duckdb-protocol'
import { streamQuery } from './duckdb-stream'
import type { RunningQueries } from './duckdb-stream'

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
export class DuckdbConnection extends HostCatalog implements DriverConnection {
  readonly engine = 'duckdb' as const
  private readonly host: RespawningHost<HostMethods, DuckdbHostProcess>
  private readonly running: RunningQueries = new Map()

  constructor(context: DuckdbConnectionContext, first: DuckdbHostProcess) {
    const host = new RespawningHost<HostMethods, DuckdbHostProcess>(first, () => context.spawnHost(), closedError)
    super(catalogReader(host), (version) => context.serverInfo(version))
    this.host = host
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.host.closed) return failing(new QuarryFailure(closedError()))
    const { database } = options
    const live = () => this.host.live()
    if (database === undefined) return streamQuery(live, this.running, sql, options)
    return this.inDatabase(database, () => streamQuery(live, this.running, sql, options))
  }

  async execute(sql: string, options: { database?: string; signal?: AbortSignal } = {}): Promise<QueryResult> {
    return collectLastResult(
      this.stream(sql, { ...options, queryId: `execute:${randomUUID()}`, batchSize: EXECUTE_BATCH_SIZE }),
    )
  }

  async cancel(queryId: string): Promise<boolean> {
    const query = this.running.get(queryId)
    if (!query) return false
    await query.cancel()
    return true
  }

  /** The host's pid and counters, for diagnostics and tests. */
  async diagnostics(): Promise<{ pid: number | undefined; stats: HostStats }> {
    const host = await this.host.live()
    return { pid: host.pid, stats: await host.request('stats', {}) }
  }

  close(): Promise<void> {
    return this.host.close()
  }

  /** A script run `USE`-ing a database: refused as not-found when no attached database has that name. */
  private async *inDatabase(database: string, run: () => AsyncIterable<StreamItem>): AsyncGenerator<StreamItem> {
    const known = await this.databases()
    if (!known.some((d) => d.name === database))
      throw duckdbFailure('not-found', `Database "${database}" does not exist`)
    yield* run()
  }
}

/** An iterable whose iteration fails at once: stream() reports errors through iteration. */
async function* failing(failure: QuarryFailure): AsyncGenerator<StreamItem> {
  throw failure
}
