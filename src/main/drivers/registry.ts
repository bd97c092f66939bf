import type { EngineId } from '../../shared/contract'
import { ENGINE_IDS } from '../../shared/engines/engine-list'
import type { Driver } from './driver'
import { lazyDriver } from './lazy-driver'
import { createDuckdbDriver } from './duckdb/duckdb-driver'
import { MSSQL_FACTS } from './mssql/mssql-facts'
import { createMongodbDriver } from './mongodb/mongodb-driver'
import { createMysqlDriver } from './mysql/mysql-driver'
import { createPostgresDriver } from './postgres/postgres-driver'
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
  postgres: () => createPostgresDriver(),
  mysql: () => createMysqlDriver(),
  // mssql/tedious load on the first SQL Server connection (about 20 MB less for everyone else).
  mssql: () => lazyDriver(MSSQL_FACTS, async () => (await import('./mssql/mssql-driver')).createMssqlDriver()),
  mongodb: () => createMongodbDriver(),
  duckdb: (options) => createDuckdbDriver({ hostScript: options.duckdbHostScript }),
}

/** Every engine's driver, by engine id, in the list's order. */
export function createDriverRegistry(options: DriverRegistryOptions = {}): ReadonlyMap<EngineId, Driver> {
  return new Map(ENGINE_IDS.map((engine) => [engine, DRIVER_FACTORIES[engine](options)]))
}
