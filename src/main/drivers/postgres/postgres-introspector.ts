import type { DatabaseInfo, SchemaInfo, TableInfo, TableKind, TableSchema } from '../../../shared/contract'
import { DATABASES, SCHEMA_EXISTS, SCHEMAS, TABLE_SCHEMA, TABLES } from './postgres-catalog'
import { tableDefinition } from './postgres-ddl'
import type { CatalogColumn, CatalogConstraint, CatalogIndex, CatalogRelation } from './postgres-ddl'
import { pgFailure } from './postgres-errors'
import type { PgSession } from './postgres-session'

const KINDS: Record<string, TableKind> = {
  r: 'table',
  p: 'partitioned-table',
  v: 'view',
  m: 'materialized-view',
  // The contract has no foreign-table kind; like SQLite's virtual tables, their rows live elsewhere.
  f: 'virtual-table',
}

/** libpq's words for the referential actions in pg_constraint. */
const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
}

interface TableRow {
  name: string | null
  kind: string
  estimate: number | null
}

/** Reads a database's catalog through its metadata session (one per database). */
export class PostgresIntrospector {
  constructor(private readonly meta: (database: string) => Promise<PgSession>) {}

  async databases(defaultDatabase: string): Promise<DatabaseInfo[]> {
    const rows = await (await this.meta(defaultDatabase)).query<{ name: string; size: number | null }>(DATABASES)
    return rows.map((row) => ({ name: row.name, sizeBytes: row.size }))
  }

  async schemas(database: string, includeSystem = false): Promise<SchemaInfo[]> {
    return (await this.meta(database)).query<SchemaInfo>(SCHEMAS, [includeSystem])
  }

  async tables(database: string, schema: string): Promise<TableInfo[]> {
    const rows = await (await this.meta(database)).query<TableRow>(TABLES, [schema])
    if (rows.length === 0) throw schemaNotFound(schema)
    return rows
      .filter((row): row is TableRow & { name: string } => row.name !== null)
      .map((row) => ({
        schema,
        name: row.name,
        kind: KINDS[row.kind] ?? 'table',
        // reltuples is -1 until the table was first vacuumed or analyzed: unknown, not empty.
        rowCount: row.estimate === null || row.estimate < 0 ? null : Math.round(row.estimate),
        rowCountExact: false,
      }))
  }

  async tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    const session = await this.meta(database)
    const [relation] = await session.query<CatalogRelation>(TABLE_SCHEMA, [schema, table])
    if (!relation) {
      if ((await session.query(SCHEMA_EXISTS, [schema])).length === 0) throw schemaNotFound(schema)
      throw pgFailure('not-found', `Table "${table}" does not exist in schema "${schema}"`)
    }
    const primary = relation.constraints.find((c) => c.type === 'p')
    const primaryKey = primary?.columns ?? []
    return {
      schema,
      name: table,
      kind: KINDS[relation.kind] ?? 'table',
      columns: relation.columns.map((column) => ({
        name: column.name,
        dataType: column.type,
        nullable: !column.notNull,
        defaultValue: defaultOf(column),
        primaryKeyPosition: primaryKey.includes(column.name) ? primaryKey.indexOf(column.name) + 1 : null,
        unique: uniqueColumns(relation.constraints, relation.indexes).has(column.name),
        autoIncrement: column.identity !== '' || /^nextval\(/i.test(column.default ?? ''),
        comment: column.comment,
      })),
      primaryKey,
      indexes: relation.indexes.map((index) => ({
        name: index.name,
        columns: index.parts,
        unique: index.unique,
        primary: index.primary,
        predicate: index.predicate,
        method: index.method,
        expressions: index.expressions,
      })),
      foreignKeys: relation.constraints
        .filter((c) => c.type === 'f')
        .map((c) => ({
          name: c.name,
          columns: c.columns,
          referencedSchema: c.referencedSchema ?? schema,
          referencedTable: c.referencedTable ?? '',
          referencedColumns: c.referencedColumns,
          onUpdate: ACTIONS[c.onUpdate] ?? c.onUpdate,
          onDelete: ACTIONS[c.onDelete] ?? c.onDelete,
        })),
      checks: relation.constraints
        .filter((c) => c.type === 'c')
        .map((c) => ({ name: c.name, expression: checkExpression(c.definition) })),
      definition: tableDefinition(relation),
    }
  }
}

const schemaNotFound = (schema: string) => pgFailure('not-found', `Schema "${schema}" does not exist`)

/** `CHECK (a > 0) NOT VALID` → `(a > 0)`: the condition in its parentheses (NOT VALID is in the DDL text). */
const checkExpression = (definition: string): string =>
  definition.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID$/i, '')

/** A generated column shows its expression where a default would be; identity columns have none. */
function defaultOf(column: CatalogColumn): string | null {
  if (column.generated === 's') return `GENERATED ALWAYS AS ${column.default} STORED`
  return column.default
}

/**
 * Columns unique on their own: a one-column UNIQUE constraint, or a full (not partial) unique
 * index on just that column. The primary key is reported on its own.
 */
function uniqueColumns(constraints: CatalogConstraint[], indexes: CatalogIndex[]): Set<string> {
  const unique = new Set<string>()
  for (const c of constraints) if (c.type === 'u' && c.columns.length === 1) unique.add(c.columns[0]!)
  for (const index of indexes) {
    if (index.unique && !index.primary && index.predicate === null && !index.expressions && index.parts.length === 1)
      unique.add(index.parts[0]!)
  }
  return unique
}
