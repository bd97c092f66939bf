import type { Document } from 'mongodb'
import type { DatabaseInfo, IndexInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { MongoClientLike } from './mongodb-client'
import { mongoFailure } from './mongodb-errors'
import { inferSchema } from './mongodb-schema-inference'
import { shellText } from './mongodb-values'

/** Documents sampled to infer a collection's schema. */
export const SCHEMA_SAMPLE_SIZE = 200

const numberOf = (value: unknown): number | null => {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  const wrapped = value as { toNumber?: () => number; value?: unknown } | null
  if (typeof wrapped?.toNumber === 'function') return wrapped.toNumber()
  return typeof wrapped?.value === 'number' ? wrapped.value : null
}

/** An index key part as written in its key document: `field`, `field -1`, `field text`. */
const keyPart = ([field, direction]: [string, unknown]): string => {
  const n = numberOf(direction)
  if (n === 1) return field
  if (n === -1) return `${field} -1`
  return `${field} ${typeof direction === 'string' ? direction : shellText(direction)}`
}

/** Catalog reads of one MongoDB client: databases, collections and views, a collection's shape. */
export class MongoIntrospector {
  constructor(
    private readonly client: MongoClientLike,
    /** The connection's database when the user named one: listed even before it has data. */
    private readonly defaultDatabase: string | null,
  ) {}

  /** Every database the user may see (authorizedDatabases: no listDatabases privilege needed). */
  async databases(): Promise<DatabaseInfo[]> {
    const answer = await this.client.command('admin', { listDatabases: 1, authorizedDatabases: true })
    const listed = Array.isArray(answer.databases) ? (answer.databases as Document[]) : []
    const databases = listed.map((d) => ({ name: String(d.name), sizeBytes: numberOf(d.sizeOnDisk) }))
    if (this.defaultDatabase !== null && !databases.some((d) => d.name === this.defaultDatabase))
      databases.push({ name: this.defaultDatabase, sizeBytes: null })
    return databases.sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Collections and views (system collections hidden), counts estimated from collection metadata. */
  async tables(database: string, schema: string): Promise<TableInfo[]> {
    const listed = await this.listAll(database)
    const visible = listed.filter((c) => !String(c.name).startsWith('system.'))
    const tables = await Promise.all(
      visible.map(async (c): Promise<TableInfo> => {
        const name = String(c.name)
        if (c.type === 'view') return { schema, name, kind: 'view', rowCount: null, rowCountExact: false }
        const count = await this.client.command(database, { count: name }).then(
          (answer) => numberOf(answer.n),
          () => null,
        )
        return { schema, name, kind: 'table', rowCount: count, rowCountExact: false }
      }),
    )
    return tables.sort((a, b) => a.name.localeCompare(b.name))
  }

  /** A collection's inferred schema (from a random sample), indexes and validator; a view's pipeline. */
  async tableSchema(database: string, schema: string, name: string): Promise<TableSchema> {
    const info = (await this.listAll(database, { name })).at(0)
    if (!info) throw mongoFailure('not-found', `Collection "${name}" does not exist in database "${database}"`)
    const isView = info.type === 'view'
    const options = (info.options ?? {}) as Document
    const indexes = isView ? [] : await this.indexes(database, name)
    // $sample needs a collection; a view is read from its start.
    const stage = isView ? { $limit: SCHEMA_SAMPLE_SIZE } : { $sample: { size: SCHEMA_SAMPLE_SIZE } }
    const sample = await this.client.command(database, {
      aggregate: name,
      pipeline: [stage],
      cursor: { batchSize: SCHEMA_SAMPLE_SIZE },
    })
    const documents = ((sample.cursor as { firstBatch?: Document[] } | undefined)?.firstBatch ?? []) as Document[]
    const fields = inferSchema(documents)
    const uniqueFields = new Set(indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => i.columns[0]))
    const topLevel = fields.filter((f) => !f.path.includes('.'))
    return {
      schema,
      name,
      kind: isView ? 'view' : 'table',
      columns: topLevel.map((field) => ({
        name: field.path,
        dataType: field.types.map((t) => t.type).join(' | '),
        nullable: field.count < documents.length || field.types.some((t) => t.type === 'null'),
        defaultValue: null,
        primaryKeyPosition: field.path === '_id' && !isView ? 1 : null,
        unique: field.path === '_id' || uniqueFields.has(field.path),
        autoIncrement: false,
        comment: null,
      })),
      primaryKey: isView ? [] : ['_id'],
      indexes,
      foreignKeys: [],
      definition: isView
        ? `db.createView(${JSON.stringify(name)}, ${JSON.stringify(String(options.viewOn))}, ${shellText(options.pipeline ?? [])})`
        : null,
      checks: [],
      documentSchema: {
        sampleSize: documents.length,
        fields,
        validator:
          options.validator && Object.keys(options.validator as Document).length > 0
            ? shellText(options.validator)
            : null,
      },
    }
  }

  private async indexes(database: string, collection: string): Promise<IndexInfo[]> {
    const answer = await this.client.command(database, { listIndexes: collection, cursor: { batchSize: 10_000 } })
    const listed = ((answer.cursor as { firstBatch?: Document[] } | undefined)?.firstBatch ?? []) as Document[]
    return listed.map((index) => ({
      name: String(index.name),
      columns: Object.entries((index.key ?? {}) as Document).map(keyPart),
      unique: index.unique === true || index.name === '_id_',
      primary: index.name === '_id_',
      predicate: index.partialFilterExpression ? shellText(index.partialFilterExpression) : null,
      method: indexMethod((index.key ?? {}) as Document),
      expressions: false,
    }))
  }

  /** Whether `name` is a view (its documents may lack _id or repeat it); false for a collection or nothing. */
  async isView(database: string, name: string): Promise<boolean> {
    return (await this.listAll(database, { name })).at(0)?.type === 'view'
  }

  /** listCollections read to the end (its first batch may not hold every collection). */
  private async listAll(database: string, filter: Document = {}): Promise<Document[]> {
    const answer = await this.client.command(database, {
      listCollections: 1,
      filter,
      authorizedCollections: true,
      cursor: { batchSize: 10_000 },
    })
    return ((answer.cursor as { firstBatch?: Document[] } | undefined)?.firstBatch ?? []) as Document[]
  }
}

/** A key's special kind (text, 2dsphere, 2d, hashed, wildcard); null for an ordinary (B-tree) one. */
function indexMethod(key: Document): string | null {
  for (const [field, kind] of Object.entries(key)) {
    if (typeof kind === 'string') return kind
    if (field.endsWith('$**')) return 'wildcard'
  }
  return null
}
