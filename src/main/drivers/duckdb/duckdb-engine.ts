import { DuckDBInstance } from '@duckdb/node-api'
import { duckdbFailure, toQuarryError } from './duckdb-errors'
import { DuckdbIntrospector, catalogQuery } from './duckdb-introspector'
import type { CatalogQuery } from './duckdb-introspector'
import { CatalogEpoch } from './duckdb-catalog-epoch'
import { KeptTableSchemas } from './duckdb-kept-schemas'
import type { HostMethod, HostMethods, HostRequest, HostResponse, OpenParams } from './duckdb-protocol'
import { QuerySession } from './duckdb-query-session'
import type { RowCounters } from './duckdb-query-session'
import { dataFileView, duckdbTarget } from './duckdb-target'

type Handlers = { [M in HostMethod]: (params: HostMethods[M]['params']) => Promise<HostMethods[M]['result']> }

/**
 * The host's one DuckDB database and the sessions running on it. DuckDB's API is asynchronous
 * (its work runs on worker threads), so requests are served concurrently: a catalog call or an
 * interrupt is answered while a long statement runs.
 */
export class DuckdbEngine {
  private instance: DuckDBInstance | null = null
  private introspector: DuckdbIntrospector | null = null
  private query: CatalogQuery | null = null
  private readonly epoch = new CatalogEpoch()
  private readonly structures = new KeptTableSchemas((database) => this.catalogEpoch(database))
  private readonly sessions = new Map<string, QuerySession>()
  private readonly counters: RowCounters = { rowsFetched: 0, rowsDelivered: 0 }

  private readonly handlers: Handlers = {
    open: (p) => this.open(p),
    ping: async () => {
      await this.catalog()
      return null
    },
    version: async () => (await this.database().connect().then(readVersion)).replace(/^v/, ''),
    stats: async () => ({
      pid: process.pid,
      ...this.counters,
      sessions: this.sessions.size,
      structuresKept: this.structures.hits,
    }),
    'meta.databases': () => this.catalog().databases(),
    'meta.schemas': (p) => this.catalog().schemas(p.database),
    'meta.tables': (p) => this.catalog().tables(p.database, p.schema),
    'meta.tableSchema': (p) =>
      this.structures.get(p.database, p.schema, p.table, () =>
        this.catalog().tableSchema(p.database, p.schema, p.table),
      ),
    'catalog.epoch': (p) => this.catalogEpoch(p.database),
    'query.open': (p) => this.session(p.session).open(p.sql, p.database, p.params ?? []),
    'query.next': (p) => this.existing(p.session).next(p.size),
    'bulk.load': (p) => this.session(p.session).bulkLoad(p.sql, p.file, p.params ?? []),
    'session.interrupt': async (p) => {
      const session = this.sessions.get(p.session)
      session?.interrupt()
      return session !== undefined
    },
    'session.transaction': (p) => this.session(p.session).transaction(),
    'session.end': async (p) => {
      this.sessions.get(p.session)?.close()
      this.sessions.delete(p.session)
      return null
    },
  }

  /** Runs one request; every failure becomes an error value (with its position for statements). */
  async dispatch(request: HostRequest): Promise<HostResponse> {
    try {
      const handler = this.handlers[request.method] as (params: unknown) => Promise<unknown>
      return { type: 'response', id: request.id, ok: true, value: await handler(request.params) }
    } catch (thrown) {
      const sql = request.method === 'query.open' ? request.params.sql : undefined
      return { type: 'response', id: request.id, ok: false, error: toQuarryError(thrown, sql) }
    }
  }

  close(): void {
    for (const session of this.sessions.values()) session.close()
    this.sessions.clear()
    this.instance?.closeSync()
    this.instance = null
  }

  private async open({ file, readOnly }: OpenParams): Promise<null> {
    if (this.instance) throw duckdbFailure('internal', 'This host already has a database open')
    const target = duckdbTarget(file)
    try {
      const path = target.kind === 'database' ? target.path : ':memory:'
      const options: Record<string, string> = readOnly && target.kind === 'database' ? { access_mode: 'READ_ONLY' } : {}
      const instance = await DuckDBInstance.create(path, options)
      if (target.kind === 'data-file') {
        const connection = await instance.connect()
        try {
          await connection.run(dataFileView(target))
        } finally {
          connection.closeSync()
        }
      }
      this.instance = instance
      this.query = catalogQuery(() => instance.connect())
      this.introspector = new DuckdbIntrospector(this.query)
      return null
    } catch (thrown) {
      const cause = toQuarryError(thrown)
      throw duckdbFailure('connection', `Cannot open "${file}": ${cause.message}`, cause.code)
    }
  }

  private session(id: string): QuerySession {
    const found = this.sessions.get(id)
    if (found) return found
    const session = new QuerySession(this.database(), this.counters, this.epoch)
    this.sessions.set(id, session)
    return session
  }

  /**
   * The catalog epoch for `database`, taken before its type is read (so a change meanwhile shows);
   * null for a database another program can change (an ATTACHed PostgreSQL, SQLite or MySQL one).
   */
  private async catalogEpoch(database: string): Promise<string | null> {
    const epoch = this.epoch.current()
    if (!this.query) throw duckdbFailure('internal', 'No database is open in this host')
    const rows = await this.query('SELECT type FROM duckdb_databases() WHERE database_name = ?', [database])
    return rows[0]?.['type'] === 'duckdb' ? epoch : null
  }

  private existing(id: string): QuerySession {
    const session = this.sessions.get(id)
    if (!session) throw duckdbFailure('internal', `No session "${id}" in this host`)
    return session
  }

  private database(): DuckDBInstance {
    if (!this.instance) throw duckdbFailure('internal', 'No database is open in this host')
    return this.instance
  }

  private catalog(): DuckdbIntrospector {
    if (!this.introspector) throw duckdbFailure('internal', 'No database is open in this host')
    return this.introspector
  }
}

async function readVersion(connection: Awaited<ReturnType<DuckDBInstance['connect']>>): Promise<string> {
  try {
    return String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0])
  } finally {
    connection.closeSync()
  }
}
