import type { EngineId } from '../../shared/contract'
import { ENGINE_IDS } from '../../shared/engines/engine-list'
import type { Driver } from './driver'
import { lazyDriver } from './lazy-driver'
import { createDuckdbDriver } from './duckdb/duckdb-driver'
import { MSSQL_FACTS } from './mssql/mssql-facts'
import { MONGODB_FACTS } from './mongodb/mongodb-facts'
import { MYSQL_FACTS } from './mysql/mysql-facts'
import { POSTGRES_FACTS } from './postgres/postgres-facts'
import { createSqliteDriver } from './sqlite/sqlite-driver'

/** What the drivers need from the application that hosts them. */
export interface DriverRegistryOptions {
  /** Path of the built SQLite host script; defaults to the one beside the main bundle. */
  sqliteHostScript?: string
  /** Path of the built DuckDB host script; defaults to the one beside the main bundle. */
  duckdbHostScript?: string
}

/**
 * How each engine of the list (src/shared/engines) gets its driver. Typed by the list: an engine
 * added there without its driver here fails to compile instead of failing at its first connect.
 */
const DRIVER_FACTORIES: Record<EngineId, (options: DriverRegistryOptions) => Driver> = {
  sqlite: (options) => createSqliteDriver({ hostScript: options.sqliteHostScript }),
  // A server engine's library loads on its first connection (pg ~15 MB, mysql2 ~16 MB, mongodb ~40 MB,
  // mssql/tedious ~35 MB of main's memory), so main holds only those of the engines in use.
  postgres: () =>
    lazyDriver(POSTGRES_FACTS, async () => (await import('./postgres/postgres-driver')).createPostgresDriver()),
  mysql: () => lazyDriver(MYSQL_FACTS, async () => (await import('./mysql/mysql-driver')).createMysqlDriver()),
  mssql: () => lazyDriver(MSSQL_FACTS, async () => (await import('./mssql/mssql-driver')).createMssqlDriver()),
  mongodb: () =>
    lazyDriver(MONGODB_FACTS, async () => (await import('./mongodb/mongodb-driver')).createMongodbDriver()),
  duckdb: (options) => createDuckdbDriver({ hostScript: options.duckdbHostScript }),
}

/** Every engine's driver, by engine id, in the list's order. */
export function createDriverRegistry(options: DriverRegistryOptions = {}): ReadonlyMap<EngineId, Driver> {
  return new Map(ENGINE_IDS.map((engine) => [engine, DRIVER_FACTORIES[engine](options)]))
}
