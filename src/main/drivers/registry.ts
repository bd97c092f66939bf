import type { EngineId } from '../../shared/contract'
import type { Driver } from './driver'
import { lazyDriver } from './lazy-driver'
import { MSSQL_FACTS } from './mssql/mssql-facts'
import { createDuckdbDriver } from './duckdb/duckdb-driver'
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

/** Every engine's driver, by engine id. A new engine is one line here. */
export function createDriverRegistry(options: DriverRegistryOptions = {}): ReadonlyMap<EngineId, Driver> {
  const drivers: Driver[] = [createSqliteDriver({ hostScript: options.sqliteHostScript })]
  drivers.push(createPostgresDriver())
  drivers.push(createMysqlDriver())
  // mssql/tedious load on the first SQL Server connection (about 20 MB less for everyone else).
  drivers.push(lazyDriver(MSSQL_FACTS, async () => (await import('./mssql/mssql-driver')).createMssqlDriver()))
  drivers.push(createMongodbDriver())
  drivers.push(createDuckdbDriver({ hostScript: options.duckdbHostScript }))
  return new Map(drivers.map((driver) => [driver.engine, driver]))
}
