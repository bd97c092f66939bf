import { statSync } from 'node:fs'
import type { Database } from 'better-sqlite3'
import type { DatabaseInfo, SchemaInfo, TableInfo, TableKind, TableSchema } from '../../../shared/contract'
import { quoteIdentifier as q } from './sqlite-dialect'
import { sqliteFailure } from './sqlite-errors'
import { readTableSchema } from './sqlite-table-reader'
import type { TableEntry } from './sqlite-table-reader'

interface TableListRow {
  name: string
  type: 'table' | 'view' | 'virtual'
  wr: number
}

const KINDS: Record<TableListRow['type'], TableKind> = { table: 'table', view: 'view', virtual: 'virtual-table' }

// User-visible objects only: sqlite_% tables are SQLite's own, shadow tables belong to a virtual table.
const TABLE_LIST =
  "SELECT name, type, wr FROM pragma_table_list WHERE schema = ? AND type IN ('table', 'view', 'virtual') " +
  "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"

/**
 * Catalog queries for one open database, run inside the host. Names travel as bound parameters of
 * the table-valued pragmas; only a FROM clause cannot take a parameter, and there the name comes
 * from the catalog itself and is quoted with the dialect's quoteIdentifier.
 */
export class SqliteIntrospector {
  constructor(
    private readonly db: Database,
    private readonly file: string,
    /** The one database's name: the file's base name without its extension. */
    private readonly databaseName: string,
  ) {}

  databases(): DatabaseInfo[] {
    let sizeBytes: number | null = null
    try {
      sizeBytes = statSync(this.file).size
    } catch {
      // Size is informative only; a vanished file shows up as an error on the next query.
    }
    return [{ name: this.databaseName, sizeBytes }]
  }

  schemas(database: string): SchemaInfo[] {
    this.checkDatabase(database)
    return this.schemaNames()
      .filter((name) => name !== 'temp' || this.pluck<number>('SELECT count(*) FROM temp.sqlite_schema') > 0)
      .map((name) => ({ name, isSystem: false }))
  }

  tables(database: string, schema: string): TableInfo[] {
    this.checkSchema(database, schema)
    const estimates = this.statEstimates(schema)
    return this.all<TableListRow>(`${TABLE_LIST} ORDER BY name COLLATE NOCASE`, schema).map((row) => {
      const kind = KINDS[row.type]
      const estimate = estimates.get(row.name)
      if (estimate !== undefined) return { schema, name: row.name, kind, rowCount: estimate, rowCountExact: false }
      const exact = kind === 'table' ? this.exactCount(schema, row.name) : null
      return { schema, name: row.name, kind, rowCount: exact, rowCountExact: exact !== null }
    })
  }

  tableSchema(database: string, schema: string, table: string): TableSchema {
    this.checkSchema(database, schema)
    const row = this.db.prepare(`${TABLE_LIST} AND name = ?`).get(schema, table) as TableListRow | undefined
    if (!row) throw sqliteFailure('not-found', `Table "${table}" does not exist in schema "${schema}"`)
    const entry: TableEntry = { name: row.name, kind: KINDS[row.type], withoutRowid: row.wr === 1 }
    return readTableSchema(this.db, schema, entry)
  }

  /** Row counts ANALYZE recorded: the largest leading number of the table's sqlite_stat1 rows. */
  private statEstimates(schema: string): Map<string, number> {
    const hasStats = this.db
      .prepare("SELECT 1 FROM pragma_table_list WHERE schema = ? AND name = 'sqlite_stat1'")
      .get(schema)
    if (!hasStats) return new Map()
    const rows = this.all<{ tbl: string; n: number }>(
      `SELECT tbl, max(CAST(stat AS INTEGER)) AS n FROM ${q(schema)}.sqlite_stat1 GROUP BY tbl`,
    )
    return new Map(rows.map((r) => [r.tbl, r.n]))
  }

  private exactCount(schema: string, table: string): number | null {
    try {
      return this.pluck<number>(`SELECT count(*) FROM ${q(schema)}.${q(table)}`)
    } catch {
      return null // e.g. a table whose collation is missing: the tree still lists it
    }
  }

  private schemaNames(): string[] {
    return this.all<{ name: string }>('SELECT name FROM pragma_database_list ORDER BY seq').map((r) => r.name)
  }

  private checkDatabase(database: string): void {
    if (database !== this.databaseName) throw sqliteFailure('not-found', `Database "${database}" does not exist`)
  }

  private checkSchema(database: string, schema: string): void {
    this.checkDatabase(database)
    if (!this.schemaNames().includes(schema)) throw sqliteFailure('not-found', `Schema "${schema}" does not exist`)
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[]
  }

  private pluck<T>(sql: string): T {
    return this.db.prepare(sql).pluck().get() as T
  }
}
