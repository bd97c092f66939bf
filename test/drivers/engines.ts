import type { EngineHarness } from '../helpers/engine-harness'
import { postgresEngines } from '../helpers/postgres-harness'
import { sqliteHarness } from '../helpers/sqlite-harness'
import { mariadbHarnesses } from '../helpers/mariadb-harness'
import { mssqlEngines } from '../helpers/mssql-harness'
import { mongodbEngines } from '../helpers/mongodb-harness'
import { duckdbHarness } from '../helpers/duckdb-harness'

/**
 * The engines every driver test runs against, one entry each. An entry brings its own setup
 * (files, a server) through its harness; Postgres and MySQL join by adding their harness here.
 */
export const engines: (() => EngineHarness)[] = [sqliteHarness]
engines.push(...postgresEngines())
engines.push(...mariadbHarnesses())
engines.push(...mssqlEngines())
engines.push(...mongodbEngines())
engines.push(duckdbHarness)
