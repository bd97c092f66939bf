import type { DatabaseInfo, SchemaInfo, ServerInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { ConnectionEdits, DriverConnection, QueryResult, StreamItem, StreamOptions, TablePages } from '../driver'
import { EXECUTE_BATCH_SIZE, collectLastResult, failing } from '../stream-results'
import type { MongoClientLike } from './mongodb-client'
import { MongoEdits } from './mongodb-edits'
import { mongoFailure, toMongoFailure } from './mongodb-errors'
import { MongoIntrospector } from './mongodb-introspector'
import { mongodbTablePages } from './mongodb-table-pages'
import type { MongoScriptSession } from './mongodb-script-session'
import { mongoEngine } from './mongodb-stream'
import { ScriptRunner } from '../script-runner'

/** What a connection needs from its driver. */
export interface MongoConnectionContext {
  client: MongoClientLike
  database: string
  /** The user named the database (it is listed in the tree even before it has collections). */
  databaseNamed?: boolean
  serverVersion: string
  serverInfo(serverVersion: string): ServerInfo
  /** The connection is read-only: edits are refused. */
  readOnly?: boolean
}

const closedFailure = () => mongoFailure('connection', 'Connection is closed')

/**
 * One MongoDB connection: one driver client (its own connection pool). Every query runs in an
 * explicit session of its own, so cancel can kill exactly that query on the server.
 */
export class MongoConnection implements DriverConnection {
  readonly engine = 'mongodb' as const
  readonly edits: ConnectionEdits
  readonly pages: TablePages = mongodbTablePages((database, name) =>
    this.call(() => this.introspector.isView(database ?? this.context.database, name)),
  )
  private readonly runner: ScriptRunner<MongoScriptSession>
  private readonly live = new Set<MongoScriptSession>()
  private readonly introspector: MongoIntrospector
  private documentsFetched = 0
  private closed = false

  constructor(private readonly context: MongoConnectionContext) {
    this.edits = new MongoEdits({
      client: context.client,
      database: context.database,
      readOnly: context.readOnly === true,
    })
    this.introspector = new MongoIntrospector(context.client, context.databaseNamed === false ? null : context.database)
    this.runner = new ScriptRunner(
      mongoEngine({
        client: context.client,
        database: context.database,
        live: this.live,
        checkDatabase: (database) => this.checkDatabase(database),
        onDocuments: (count) => (this.documentsFetched += count),
      }),
    )
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
    return this.runner.stream(sql, options)
  }

  execute(sql: string, options: { database?: string; signal?: AbortSignal } = {}): Promise<QueryResult> {
    return collectLastResult(this.stream(sql, { ...options, batchSize: EXECUTE_BATCH_SIZE }))
  }

  /** Documents received from the server by this connection's queries so far, and the runs in flight. */
  diagnostics(): { documentsFetched: number; running: { comment: string }[] } {
    return {
      documentsFetched: this.documentsFetched,
      running: [...this.live].map((session) => ({ comment: session.comment })),
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.runner.abortAll()
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
