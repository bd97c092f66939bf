import { statSync } from 'node:fs'
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api'
import type { DatabaseInfo, SchemaInfo, TableInfo, TableSchema } from '../../../shared/contract'
import { duckdbFailure } from './duckdb-errors'
import { readTableSchema } from './duckdb-table-reader'

type Row = Record<string, unknown>

/** Runs a catalog query with bound parameters on a connection made for the call. */
export type CatalogQuery = (sql: string, params?: DuckDBValue[]) => Promise<Row[]>

export const catalogQuery =
  (connect: () => Promise<DuckDBConnection>): CatalogQuery =>
  async (sql, params = []) => {
    const connection = await connect()
    try {
      return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Row[]
    } finally {
      connection.closeSync()
    }
  }

/** File size of a database (plus its write-ahead log); null for in-memory ones. */
function sizeOf(path: string | null): number | null {
  if (!path) return null
  try {
    let size = statSync(path).size
    try {
      size += statSync(`${path}.wal`).size
    } catch {
      // No WAL: everything is checkpointed into the file.
    }
    return size
  } catch {
    return null
  }
}

/**
 * DuckDB's catalog as Quarry's tree: every attached database (the opened one and those ATTACHed
 * later), their schemas, tables and views. Read from the duckdb_* table functions, names bound
 * as parameters. Row counts are DuckDB's estimated_size (exact after a checkpoint, off by
 * uncommitted or deleted rows until then).
 */
export class DuckdbIntrospector {
  constructor(private readonly query: CatalogQuery) {}

  async databases(): Promise<DatabaseInfo[]> {
    const rows = await this.query(
      'SELECT database_name, path FROM duckdb_databases() WHERE NOT internal ORDER BY database_oid',
    )
    return rows.map((row) => ({ name: String(row['database_name']), sizeBytes: sizeOf(row['path'] as string | null) }))
  }

  async schemas(database: string): Promise<SchemaInfo[]> {
    await this.checkDatabase(database)
    const rows = await this.query(
      'SELECT schema_name FROM duckdb_schemas() WHERE database_name = $1 ORDER BY schema_name',
      [database],
    )
    return rows.map((row) => ({ name: String(row['schema_name']), isSystem: false }))
  }

  async tables(database: string, schema: string): Promise<TableInfo[]> {
    await this.checkSchema(database, schema)
    const rows = await this.query(
      `SELECT * FROM (
         SELECT table_name AS name, 'table' AS kind, estimated_size AS n FROM duckdb_tables()
           WHERE database_name = $1 AND schema_name = $2 AND NOT internal
         UNION ALL
         SELECT view_name, 'view', NULL FROM duckdb_views()
           WHERE database_name = $1 AND schema_name = $2 AND NOT internal
       ) ORDER BY lower(name), name`,
      [database, schema],
    )
    return rows.map((row) => {
      const count = row['n'] === null ? null : Number(row['n'])
      return {
        schema,
        name: String(row['name']),
        kind: row['kind'] === 'view' ? 'view' : 'table',
        rowCount: count,
        rowCountExact: false,
      }
    })
  }

  async tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    await this.checkSchema(database, schema)
    const schemaOf = await readTableSchema(this.query, database, schema, table)
    if (!schemaOf) throw duckdbFailure('not-found', `Table "${table}" does not exist in schema "${schema}"`)
    return schemaOf
  }

  private async checkDatabase(database: string): Promise<void> {
    const found = await this.query('SELECT 1 FROM duckdb_databases() WHERE database_name = $1 AND NOT internal', [
      database,
    ])
    if (found.length === 0) throw duckdbFailure('not-found', `Database "${database}" does not exist`)
  }

  private async checkSchema(database: string, schema: string): Promise<void> {
    await this.checkDatabase(database)
    const found = await this.query('SELECT 1 FROM duckdb_schemas() WHERE database_name = $1 AND schema_name = $2', [
      database,
      schema,
    ])
    if (found.length === 0) throw duckdbFailure('not-found', `Schema "${schema}" does not exist`)
  }
}
