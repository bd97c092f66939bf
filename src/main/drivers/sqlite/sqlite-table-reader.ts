import type { Database } from 'better-sqlite3'
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, TableKind, TableSchema } from '../../../shared/contract'
import { parseTableChecks } from './sqlite-checks'
import { parseIndexDdl } from './sqlite-ddl'
import { quoteIdentifier as q } from './sqlite-dialect'

/** A table, view or virtual table as pragma_table_list found it. */
export interface TableEntry {
  name: string
  kind: TableKind
  withoutRowid: boolean
}

interface ColumnRow {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}
interface IndexRow {
  name: string
  unique: number
  origin: 'c' | 'u' | 'pk'
  partial: number
}
interface ForeignKeyRow {
  id: number
  table: string
  from: string
  to: string | null
  on_update: string
  on_delete: string
}

const all = <T>(db: Database, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[]

/** Everything the structure view shows about one table, read with the table-valued pragmas. */
export function readTableSchema(db: Database, schema: string, entry: TableEntry): TableSchema {
  const table = entry.name
  // The schema name cannot be a bound parameter in FROM; it is a name the catalog listed, quoted.
  const ddl = new Map(
    all<{ name: string; sql: string | null }>(
      db,
      `SELECT name, sql FROM ${q(schema)}.sqlite_schema WHERE tbl_name = ?`,
      table,
    ).map((r) => [r.name, r.sql]),
  )
  const indexes = readIndexes(db, schema, table, ddl)
  const rows = all<ColumnRow>(
    db,
    'SELECT * FROM pragma_table_xinfo(?, ?) WHERE hidden <> 1 ORDER BY cid',
    table,
    schema,
  )
  const primaryKey = rows
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)
  // A rowid table's single-column PK with no 'pk' index is an alias of the rowid (INTEGER PRIMARY
  // KEY): SQLite fills it in on insert, with or without AUTOINCREMENT, so we report it as such.
  const rowidAlias =
    entry.kind === 'table' && !entry.withoutRowid && primaryKey.length === 1 && !indexes.some((i) => i.primary)
  // Unique means a UNIQUE constraint or full unique index on exactly this column; the primary key
  // is reported on its own.
  const uniqueColumns = new Set(
    indexes
      .filter((i) => i.unique && !i.primary && i.predicate === null && i.columns.length === 1)
      .map((i) => i.columns[0]),
  )
  const columns = rows.map((c): ColumnInfo => ({
    name: c.name,
    dataType: c.type,
    // rowid aliases and WITHOUT ROWID keys reject NULL even without NOT NULL.
    nullable: c.notnull === 0 && !(c.pk > 0 && (rowidAlias || entry.withoutRowid)),
    // DEFAULT NULL is no default (the contract's one meaning): SQLite keeps the word as written.
    defaultValue: c.dflt_value === null || /^null$/i.test(c.dflt_value.trim()) ? null : c.dflt_value,
    primaryKeyPosition: c.pk > 0 ? c.pk : null,
    unique: uniqueColumns.has(c.name),
    autoIncrement: rowidAlias && c.pk > 0,
    comment: null,
  }))
  return {
    schema,
    name: table,
    kind: entry.kind,
    columns,
    primaryKey,
    indexes,
    foreignKeys: readForeignKeys(db, schema, table),
    checks: entry.kind === 'table' ? parseTableChecks(ddl.get(table) ?? '') : [],
    definition: ddl.get(table) ?? null,
  }
}

function readIndexes(db: Database, schema: string, table: string, ddl: Map<string, string | null>): IndexInfo[] {
  return all<IndexRow>(db, 'SELECT * FROM pragma_index_list(?, ?) ORDER BY seq', table, schema).map((index) => {
    const parts = all<{ name: string | null }>(
      db,
      'SELECT name FROM pragma_index_xinfo(?, ?) WHERE key = 1 ORDER BY seqno',
      index.name,
      schema,
    )
    const sql = ddl.get(index.name)
    const parsed = sql ? parseIndexDdl(sql) : null
    return {
      name: index.name,
      // An expression part has no column name: its text is only in the DDL.
      columns: parts.map((p, i) => p.name ?? parsed?.parts[i] ?? '<expression>'),
      unique: index.unique === 1,
      primary: index.origin === 'pk',
      predicate: index.partial === 1 ? (parsed?.predicate ?? null) : null,
      // SQLite has B-tree indexes only; what differs is partial, unique or on expressions.
      method: null,
      expressions: parts.some((p) => p.name === null),
    }
  })
}

function readForeignKeys(db: Database, schema: string, table: string): ForeignKeyInfo[] {
  const groups = new Map<number, ForeignKeyRow[]>()
  for (const row of all<ForeignKeyRow>(
    db,
    'SELECT * FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq',
    table,
    schema,
  )) {
    groups.set(row.id, [...(groups.get(row.id) ?? []), row])
  }
  // SQLite numbers foreign keys last-declared first; list them in declaration order.
  return [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, rows]) => {
      const first = rows[0]!
      return {
        name: null, // SQLite keeps constraint names only in the DDL text
        columns: rows.map((r) => r.from),
        referencedSchema: schema,
        referencedTable: first.table,
        // REFERENCES t without columns means t's primary key.
        referencedColumns: rows.some((r) => r.to === null)
          ? all<{ name: string }>(
              db,
              'SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk',
              first.table,
              schema,
            ).map((r) => r.name)
          : rows.map((r) => r.to ?? ''),
        onUpdate: first.on_update,
        onDelete: first.on_delete,
      }
    })
}
