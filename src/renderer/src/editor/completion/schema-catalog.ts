import type { ColumnInfo, EngineId, Result, TableInfo } from '../../../../shared/contract'
import { engineOf } from '../../../../shared/engines/engine-list'
import type { QuarryClient } from '../../api/quarry-client'
import type { TreeNode } from '../../tree/tree-model'
import type { TreeStore } from '../../tree/tree-store'
import type { CatalogSnapshot, MissingMetadata } from './completion-options'

/**
 * One connection's schema metadata for completion: what the tree already loaded, plus what
 * completion asked for itself (tables of other schemas, columns), each fetched once, lazily.
 */
export class SchemaCatalog {
  private database: Promise<string | null> | null = null
  private resolved: { database: string | null; defaultSchema: string | null } | null = null
  private readonly schemas = new Map<string, string[]>()
  private readonly tables = new Map<string, TableInfo[]>()
  private readonly columns = new Map<string, ColumnInfo[]>()
  private readonly loading = new Map<string, Promise<void>>()

  constructor(
    private readonly client: QuarryClient,
    private readonly tree: TreeStore,
    private readonly connectionId: string,
    private readonly engine: EngineId,
  ) {}

  /** What is known now; nothing here waits. */
  snapshot(): CatalogSnapshot {
    const database = this.resolved?.database ?? null
    return {
      defaultSchema: this.resolved?.defaultSchema ?? null,
      schemas: () => (database === null ? null : (this.schemas.get(database) ?? this.treeSchemas(database))),
      tables: (schema) => (database === null ? null : (this.tables.get(schema) ?? this.treeTables(database, schema))),
      columns: (schema, table) => this.columns.get(`${schema}\u0000${table}`) ?? null,
    }
  }

  /** Drops everything loaded: the next completion asks again (the connection was edited). */
  reset(): void {
    this.database = null
    this.resolved = null
    this.schemas.clear()
    this.tables.clear()
    this.columns.clear()
    this.loading.clear()
  }

  /** Fetches what completion lacks (and which database it is about, the first time). */
  async load(missing: readonly MissingMetadata[]): Promise<void> {
    const database = await this.resolve()
    if (database === null) return
    await Promise.all(missing.map((item) => this.loadOne(database, item)))
  }

  /** Resolves the database completion is about; call early so the first snapshot has it. */
  resolve(): Promise<string | null> {
    this.database ??= this.findDatabase().then((found) => {
      this.resolved = found
      return found.database
    })
    return this.database
  }

  private loadOne(database: string, item: MissingMetadata): Promise<void> {
    const key = JSON.stringify(item)
    let pending = this.loading.get(key)
    if (!pending) {
      pending = this.fetch(database, item)
      this.loading.set(key, pending)
    }
    return pending
  }

  private async fetch(database: string, item: MissingMetadata): Promise<void> {
    const { client, connectionId } = this
    if (item.kind === 'schemas') {
      const result = await client.call('meta.schemas', { connectionId, database })
      if (result.ok)
        this.schemas.set(
          database,
          result.value.map((schema) => schema.name),
        )
    } else if (item.kind === 'tables') {
      const result = await client.call('meta.tables', { connectionId, database, schema: item.schema })
      // A schema that does not exist has no tables: remember that rather than asking again.
      this.tables.set(item.schema, result.ok ? result.value : [])
    } else {
      const { schema, table } = item
      const result = await client.call('meta.tableSchema', { connectionId, database, schema, table })
      this.columns.set(`${schema}\u0000${table}`, result.ok ? result.value.columns : [])
    }
  }

  /** The database unqualified names live in: the only one, else the connection's own. */
  private async findDatabase(): Promise<{ database: string | null; defaultSchema: string | null }> {
    const { client, connectionId } = this
    const fromTree = this.childNames(connectionId)
    const databases = fromTree ?? ok(await client.call('meta.databases', { connectionId }))?.map((db) => db.name) ?? []
    const saved = ok(await client.call('connections.get', { connectionId }))?.profile
    const { defaultSchema: fallback, databaseIsSchema, defaultDatabase } = engineOf(this.engine).editor
    // MySQL: the connection's database is the default schema; its one "database" is the server.
    const defaultSchema = databaseIsSchema ? (saved?.database ?? null) : fallback
    if (databases.length <= 1) return { database: databases[0] ?? null, defaultSchema }
    const named = saved?.database ?? saved?.user
    const database =
      databases.find((name) => name === named) ?? databases.find((name) => name === defaultDatabase) ?? databases[0]!
    return { database, defaultSchema }
  }

  private treeSchemas(database: string): string[] | null {
    return this.childNames(`${this.connectionId}/${database}`)
  }

  private treeTables(database: string, schema: string): TableInfo[] | null {
    const children = this.tree.getState().children.get(`${this.connectionId}/${database}/${schema}`)
    if (children?.status !== 'ready') return null
    return children.nodes.flatMap((node) => (node.kind === 'table' ? [node.table] : []))
  }

  private childNames(id: string): string[] | null {
    const children = this.tree.getState().children.get(id)
    if (children?.status !== 'ready') return null
    // "All databases" holds the ones after the profile's own.
    const names = (node: TreeNode): string[] =>
      node.kind === 'database'
        ? [node.database]
        : node.kind === 'schema'
          ? [node.schema]
          : node.kind === 'group' && node.role === 'databases'
            ? node.items.flatMap(names)
            : []
    return children.nodes.flatMap(names)
  }
}

const ok = <T>(result: Result<T>): T | null => (result.ok ? result.value : null)
