import { randomUUID } from 'node:crypto'
import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { DriverConnection, QueryResult, StreamItem, StreamOptions } from '../driver'
import { EXECUTE_BATCH_SIZE, collectLastResult } from '../stream-results'
import type { MongoClientLike } from './mongodb-client'
import { mongoFailure, toMongoFailure } from './mongodb-errors'
import { MongoIntrospector } from './mongodb-introspector'
import type { MongoRunningQuery } from './mongodb-running-query'
import { streamCommands } from './mongodb-stream'

/** What a connection needs from its driver. */
export interface MongoConnectionContext {
  client: MongoClientLike
  database: string
  /** The user named the database (it is listed in the tree even before it has collections). */
  databaseNamed?: boolean
  serverVersion: string
  serverInfo(serverVersion: string): ServerInfo
}

const closedFailure = () => mongoFailure('connection', 'Connection is closed')

/**
 * One MongoDB connection: one driver client (its own connection pool). Every query runs in an
 * explicit session of its own, so cancel can kill exactly that query on the server.
 */
export class MongoConnection implements DriverConnection {
  readonly engine = 'mongodb' as const
  private readonly running = new Map<string, MongoRunningQuery>()
  private readonly introspector: MongoIntrospector
  private documentsFetched = 0
  private closed = false

  constructor(private readonly context: MongoConnectionContext) {
    this.introspector = new MongoIntrospector(context.client, context.databaseNamed === false ? null : context.database)
  }

  async ping(): Promise<void> {
    await this.call(() => this.context.client.command('admin', { ping: 1 }))
  }

  async version(): Promise<string> {
    if (this.closed) throw closedFailure()
    return this.context.serverVersion
  }

  async serverInfo(): Promise<ServerInfo> {
    return this.context.serverInfo(await this.version())
  }

  databases(): Promise<DatabaseInfo[]> {
    return this.call(() => this.introspector.databases())
  }

  /** MongoDB has no schemas: each database shows as the one schema of the same name. */
  schemas(database: string): Promise<SchemaInfo[]> {
    return this.call(async () => {
      await this.checkDatabase(database)
      return [{ name: database, isSystem: false }]
    })
  }

  tables(database: string, schema: string): Promise<TableInfo[]> {
    return this.call(async () => {
      if (schema !== database)
        throw mongoFailure('not-found', `MongoDB has no schemas: "${schema}" is not database "${database}"`)
      return this.introspector.tables(database, schema)
    })
  }

  tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    return this.call(() => this.introspector.tableSchema(database, schema, table))
  }

  stream(sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
    if (this.closed) return failing(closedFailure())
    return streamCommands(
      {
        client: this.context.client,
        running: this.running,
        database: options.database ?? this.context.database,
        checkDatabase: (database) => this.checkDatabase(database),
        onDocuments: (count) => (this.documentsFetched += count),
      },
      sql,
      options,
    )
  }

  execute(sql: string, options: { database?: string; signal?: AbortSignal } = {}): Promise<QueryResult> {
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

  /** Documents received from the server by this connection's queries so far. */
  diagnostics(): { documentsFetched: number; running: { queryId: string; comment: string }[] } {
    return {
      documentsFetched: this.documentsFetched,
      running: [...this.running].map(([queryId, query]) => ({ queryId, comment: query.comment })),
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.allSettled([...this.running.values()].map((query) => query.cancel()))
    await this.context.client.close().catch(() => {})
  }

  /**
   * A database named explicitly must exist: reading a misspelt one would quietly return nothing.
   * The connection's own database may be new (MongoDB creates it on first write).
   */
  private async checkDatabase(database: string): Promise<void> {
    if (database === this.context.database) return
    const names = await this.introspector.databases().catch(() => null)
    if (names && !names.some((d) => d.name === database))
      throw mongoFailure('not-found', `Database "${database}" does not exist on this server`)
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw closedFailure()
    try {
      return await work()
    } catch (error) {
      throw toMongoFailure(error)
    }
  }
}

async function* failing(failure: Error): AsyncGenerator<StreamItem> {
  throw failure
}
