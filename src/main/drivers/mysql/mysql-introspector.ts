import type { DatabaseInfo, SchemaInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { MysqlClient } from './mysql-client'
import { runQuery } from './mysql-client'
import {
  INNODB_ROWS,
  MARIADB_TABLE_NAMES,
  MARIADB_TABLE_TYPES,
  MARIADB_TABLES,
  MYSQL_TABLES,
  SCHEMA_EXISTS,
  SCHEMAS,
  SERVER_SIZE,
  SYSTEM_SCHEMAS,
} from './mysql-catalog-sql'
import { mysqlFailure } from './mysql-errors'
import type { ServerProfile } from './mysql-flavor'
import { readTableSchema } from './mysql-table-reader'

/** Above this many tables MariaDB's TABLE_ROWS (one table open each) is too slow for the tree. */
export const OPEN_FOR_COUNTS_LIMIT = 500

type Count = number | string | null

const byName = new Intl.Collator('en', { numeric: true }).compare

interface TableRow {
  name: string
  type: string
  estimate: Count
}

const toCount = (value: Count | undefined): number | null =>
  value === null || value === undefined ? null : Number(value)

/**
 * The catalog as Quarry's tree shows it. A MySQL server is the tree's one database (named
 * host:port); each MySQL database (CREATE DATABASE = CREATE SCHEMA) is a schema under it, with
 * mysql, information_schema, performance_schema and sys marked as system schemas. Row counts are
 * the server's estimates (TABLE_ROWS), never count(*).
 */
export class MysqlIntrospector {
  constructor(
    private readonly profile: ServerProfile,
    /** The name of the one database entry: the server's host:port. */
    private readonly serverName: string,
  ) {}

  async databases(client: MysqlClient): Promise<DatabaseInfo[]> {
    let sizeBytes: number | null = null
    try {
      const [row] = await runQuery<{ bytes: Count }>(client, SERVER_SIZE[this.profile.flavor], [])
      sizeBytes = toCount(row?.bytes)
    } catch {
      // The size is informative only (MariaDB's comes from mysql.*, which a user may not read).
    }
    return [{ name: this.serverName, sizeBytes }]
  }

  async schemas(client: MysqlClient, database: string): Promise<SchemaInfo[]> {
    this.checkDatabase(database)
    const rows = await runQuery<{ name: string }>(client, SCHEMAS, [])
    return rows.map(({ name }) => ({ name, isSystem: SYSTEM_SCHEMAS.has(name.toLowerCase()) }))
  }

  async tables(client: MysqlClient, database: string, schema: string): Promise<TableInfo[]> {
    await this.checkSchema(client, database, schema)
    const rows =
      this.profile.flavor === 'mariadb'
        ? await this.mariadbTables(client, schema)
        : await runQuery<TableRow>(client, MYSQL_TABLES, [schema])
    return rows
      .map(({ name, type, estimate }): TableInfo => {
        const view = type === 'VIEW' || type === 'SYSTEM VIEW'
        return {
          schema,
          name,
          kind: view ? 'view' : 'table',
          rowCount: view ? null : toCount(estimate),
          rowCountExact: false,
        }
      })
      .sort((a, b) => byName(a.name, b.name))
  }

  async tableSchema(client: MysqlClient, database: string, schema: string, table: string): Promise<TableSchema> {
    await this.checkSchema(client, database, schema)
    return readTableSchema(client, this.profile.flavor, schema, table)
  }

  /**
   * MariaDB: for a few hundred tables, TABLE_ROWS straight from information_schema. Beyond that,
   * InnoDB's persistent statistics give the same estimates without opening anything, and name
   * the tables among the schema's entries; only if some entries are not InnoDB tables (views,
   * other engines) are the types read, and those tables get no count. Without the right to read
   * mysql.innodb_table_stats, no table gets one.
   */
  private async mariadbTables(client: MysqlClient, schema: string): Promise<TableRow[]> {
    const names = await runQuery<{ name: string }>(client, MARIADB_TABLE_NAMES, [schema])
    if (names.length <= OPEN_FOR_COUNTS_LIMIT) return runQuery<TableRow>(client, MARIADB_TABLES, [schema])
    const estimates = new Map<string, number>()
    try {
      for (const row of await runQuery<{ name: string; estimate: Count }>(client, INNODB_ROWS, [schema])) {
        const name = row.name.replace(/#p#.*$/i, '') // partitions add up to their table
        estimates.set(name, (estimates.get(name) ?? 0) + (toCount(row.estimate) ?? 0))
      }
    } catch {
      // Not readable by this user: types only.
    }
    const types = names.every(({ name }) => estimates.has(name))
      ? null
      : new Map((await runQuery<TableRow>(client, MARIADB_TABLE_TYPES, [schema])).map((row) => [row.name, row.type]))
    return names.map(({ name }) => ({
      name,
      type: types?.get(name) ?? 'BASE TABLE',
      estimate: estimates.get(name) ?? null,
    }))
  }

  private checkDatabase(database: string): void {
    if (database !== this.serverName) throw mysqlFailure('not-found', `Database "${database}" does not exist`)
  }

  private async checkSchema(client: MysqlClient, database: string, schema: string): Promise<void> {
    this.checkDatabase(database)
    const found = await runQuery(client, SCHEMA_EXISTS, [schema])
    if (found.length === 0) throw mysqlFailure('not-found', `Schema "${schema}" does not exist`)
  }
}
