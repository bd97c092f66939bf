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

/** sqlite_schema rows the tree lists: sqlite_% tables are SQLite's own (sqlite_sequence, sqlite_stat1…). */
const USER_OBJECTS = "type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
const VIRTUAL = /^\s*CREATE\s+VIRTUAL\s+TABLE\b/i

/** When tables() counts rows exactly (see SqliteIntrospector.exactCounts). */
export interface CountLimits {
  /** Most tables without ANALYZE estimates whose rows are counted; a schema with more gets no counts. */
  countedTables: number
  /** Counting stops once this much time went into it (checked between tables). */
  countBudgetMs: number
}

export const COUNT_LIMITS: CountLimits = { countedTables: 1_000, countBudgetMs: 100 }

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
    private readonly limits: CountLimits = COUNT_LIMITS,
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

  /**
   * The schema's tables and views from one read of its sqlite_schema (pragma_table_list opens every
   * table's definition: 5× slower at 10,000 tables). Only a schema with a virtual table needs the
   * pragma, to tell its shadow tables (type 'shadow' there, plain tables in sqlite_schema) from
   * user tables. Row counts: ANALYZE's estimates where recorded, else exact counts while they are
   * cheap (see exactCounts).
   */
  tables(database: string, schema: string): TableInfo[] {
    this.checkSchema(database, schema)
    const listed = this.db
      .prepare(
        `SELECT name, type, sql FROM ${q(schema)}.sqlite_schema WHERE ${USER_OBJECTS} ORDER BY name COLLATE NOCASE`,
      )
      .raw(true)
      .all() as [string, 'table' | 'view', string | null][]
    const entries = listed.some(([, type, sql]) => type === 'table' && sql !== null && VIRTUAL.test(sql))
      ? this.all<TableListRow>(`${TABLE_LIST} ORDER BY name COLLATE NOCASE`, schema).map((row) => ({
          name: row.name,
          kind: KINDS[row.type],
        }))
      : listed.map(([name, type]) => ({ name, kind: KINDS[type] }))
    const estimates = this.statEstimates(schema)
    const counts = this.exactCounts(
      schema,
      entries.filter((e) => e.kind === 'table' && !estimates.has(e.name)).map((e) => e.name),
    )
    return entries.map(({ name, kind }) => {
      const estimate = estimates.get(name)
      if (estimate !== undefined) return { schema, name, kind, rowCount: estimate, rowCountExact: false }
      const exact = counts.get(name) ?? null
      return { schema, name, kind, rowCount: exact, rowCountExact: exact !== null }
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
    const hasStats = this.db.prepare(`SELECT 1 FROM ${q(schema)}.sqlite_schema WHERE name = 'sqlite_stat1'`).get()
    if (!hasStats) return new Map()
    const rows = this.all<{ tbl: string; n: number }>(
      `SELECT tbl, max(CAST(stat AS INTEGER)) AS n FROM ${q(schema)}.sqlite_stat1 GROUP BY tbl`,
    )
    return new Map(rows.map((r) => [r.tbl, r.n]))
  }

  /**
   * Exact row counts of `tables` (count(*) walks each table's b-tree: about 20–40 µs for an empty
   * one, seconds for a large one), only while that is cheap: none in a schema of more than
   * COUNTED_TABLES tables without estimates, and none after COUNT_BUDGET_MS of counting. A table
   * left out has no count in the tree (its menu's Count rows counts it).
   */
  private exactCounts(schema: string, tables: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>()
    if (tables.length > this.limits.countedTables) return counts
    const started = performance.now()
    for (const table of tables) {
      if (performance.now() - started > this.limits.countBudgetMs) break
      try {
        counts.set(table, this.pluck<number>(`SELECT count(*) FROM ${q(schema)}.${q(table)}`))
      } catch {
        // e.g. a table whose collation is missing: the tree still lists it, without a count
      }
    }
    return counts
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
