import type { DatabaseInfo, SchemaInfo, TableInfo, TableSchema } from '../../../shared/contract'
import { DATABASES, IN_DATABASE, SCHEMA_EXISTS, SCHEMAS, TABLES } from './mssql-catalog-sql'
import type { MssqlSession } from './mssql-client'
import { mssqlFailure } from './mssql-errors'
import { readTableSchema } from './mssql-table-reader'

type Count = number | string | null

const toCount = (value: Count | undefined): number | null =>
  value === null || value === undefined ? null : Number(value)

/** Runs a catalog statement in a database; names travel as parameters (see mssql-catalog-sql). */
export type CatalogQuery = <T>(database: string, stmt: string, schema?: string, table?: string) => Promise<T[]>

export const catalogQuery =
  (session: () => Promise<MssqlSession>): CatalogQuery =>
  async <T>(database: string, stmt: string, schema?: string, table?: string) =>
    (await session()).query<T>(IN_DATABASE, { database, stmt, schema: schema ?? null, table: table ?? null })

/**
 * The catalog as Quarry's tree shows it: databases → schemas → tables and views, from the sys
 * views of each database. Row counts come from sys.partitions (the same estimate as
 * sp_spaceused), never count(*).
 */
export class MssqlIntrospector {
  constructor(
    private readonly session: () => Promise<MssqlSession>,
    private readonly inDatabase: CatalogQuery,
  ) {}

  async databases(): Promise<DatabaseInfo[]> {
    const rows = await (await this.session()).query<{ name: string; bytes: Count }>(DATABASES)
    return rows.map(({ name, bytes }) => ({ name, sizeBytes: toCount(bytes) }))
  }

  async schemas(database: string): Promise<SchemaInfo[]> {
    const rows = await this.inDatabase<{ name: string; isSystem: number }>(database, SCHEMAS)
    return rows.map(({ name, isSystem }) => ({ name, isSystem: Number(isSystem) === 1 }))
  }

  async tables(database: string, schema: string): Promise<TableInfo[]> {
    await this.checkSchema(database, schema)
    const rows = await this.inDatabase<{ name: string; type: string; estimate: Count }>(database, TABLES, schema)
    return rows.map(({ name, type, estimate }) => {
      const view = type === 'V'
      return {
        schema,
        name,
        kind: view ? 'view' : 'table',
        rowCount: view ? null : toCount(estimate),
        rowCountExact: false,
      }
    })
  }

  async tableSchema(database: string, schema: string, table: string): Promise<TableSchema> {
    await this.checkSchema(database, schema)
    return readTableSchema(this.inDatabase, database, schema, table)
  }

  private async checkSchema(database: string, schema: string): Promise<void> {
    const found = await this.inDatabase(database, SCHEMA_EXISTS, schema)
    if (found.length === 0) throw mssqlFailure('not-found', `Schema "${schema}" does not exist in "${database}"`)
  }
}
