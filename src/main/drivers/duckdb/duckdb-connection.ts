import type { ServerInfo } from '../../../shared/contract'
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
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import { duckdbError, duckdbFailure } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'
import { HostCatalog, catalogReader } from '../engine-host/host-catalog'
import { RespawningHost } from '../engine-host/respawning-host'
import type { HostMethods, HostStats } from './duckdb-protocol'
import { duckdbEngine } from './duckdb-stream'
import type { DuckdbScriptSession } from './duckdb-script-session'
import { ScriptRunner } from '../script-runner'
import { sqlEdits } from '../edits/sql-edits'
import { sqlTablePages } from '../pages/sql-pages'
import { DUCKDB_EDIT_DIALECT } from './duckdb-edit-dialect'
import { duckdbBulkWriter } from './duckdb-bulk-writer'

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
  readonly edits: ConnectionEdits = sqlEdits(this, DUCKDB_EDIT_DIALECT)
  readonly pages: TablePages = sqlTablePages(this, DUCKDB_EDIT_DIALECT)
  readonly bulk: BulkWriter = duckdbBulkWriter
  private readonly host: RespawningHost<HostMethods, DuckdbHostProcess>
  private readonly runner: ScriptRunner<DuckdbScriptSession>

  constructor(context: DuckdbConnectionContext, first: DuckdbHostProcess) {
    const host = new RespawningHost<HostMethods, DuckdbHostProcess>(first, () => context.spawnHost(), closedError)
    super(catalogReader(host), (version) => context.serverInfo(version))
    this.host = host
    this.runner = new ScriptRunner(duckdbEngine(() => this.host.live()))
  }

  /** An editor tab's own session: a DuckDB connection of its own in the host. */
  openSession(database?: string): Promise<SessionHandle> {
    if (this.host.closed) return Promise.reject(new QuarryFailure(closedError()))
    return this.runner.openSession(database)
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.host.closed) return failing(new QuarryFailure(closedError()))
    const { database } = options
    if (database === undefined) return this.runner.stream(sql, options)
    return this.inDatabase(database, () => this.runner.stream(sql, options))
  }

  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** When `database`'s catalog may have changed last (see CatalogEpoch); null where another program can change it. */
  async catalogEpoch(database: string): Promise<string | null> {
    return (await this.host.live()).request('catalog.epoch', { database })
  }

  /** The host's pid and counters, for diagnostics and tests. */
  async diagnostics(): Promise<{ pid: number | undefined; stats: HostStats }> {
    const host = await this.host.live()
    return { pid: host.pid, stats: await host.request('stats', {}) }
  }

  async close(): Promise<void> {
    if (this.host.closed) return
    // Running queries fail as the connection closing (the host ends); then the tabs' sessions are let go.
    await this.host.close()
    await this.runner.abortAll()
  }

  /** A script run `USE`-ing a database: refused as not-found when no attached database has that name. */
  private async *inDatabase(database: string, run: () => AsyncIterable<StreamItem>): AsyncGenerator<StreamItem> {
    const known = await this.databases()
    if (!known.some((d) => d.name === database))
      throw duckdbFailure('not-found', `Database "${database}" does not exist`)
    yield* run()
  }
}
