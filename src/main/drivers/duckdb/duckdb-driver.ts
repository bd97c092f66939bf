import { duckdbGraphQueries } from './duckdb-graph-sql'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DUCKDB } from '../../../shared/engines/duckdb'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { tableQuerySql } from '../table-query-sql'
import { duckdbObjectsQuery } from './duckdb-objects-sql'
import { DuckdbConnection } from './duckdb-connection'
import { duckdbFailure } from './duckdb-errors'
import { duckdbExplainer } from './duckdb-explain'
import { DuckdbHostProcess } from './duckdb-host-process'
import { quoteIdentifier } from './duckdb-target'

/** How to build the DuckDB driver. */
export interface DuckdbDriverOptions {
  /** The built host script (out/main/duckdb-host.js). Defaults to the one beside this bundle. */
  hostScript?: string
}

/** What it can do: its descriptor's capabilities. */
const CAPABILITIES = DUCKDB.capabilities

/** The host script beside the bundled main code (or one folder up, from a shared chunk). */
function defaultHostScript(): string {
  const candidates = ['./duckdb-host.js', '../duckdb-host.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)))
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!
}

/** @duckdb/node-api's version, read from its package.json: main never loads DuckDB itself. */
function libraryVersion(): string {
  try {
    return (createRequire(import.meta.url)('@duckdb/node-api/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** Creates the DuckDB driver; DuckDB runs in a forked host process per connection, never in main. */
export function createDuckdbDriver(options: DuckdbDriverOptions = {}): Driver {
  const hostScript = options.hostScript ?? defaultHostScript()
  const library = `@duckdb/node-api ${libraryVersion()}`
  const driver: Driver = {
    engine: 'duckdb',
    name: 'DuckDB',
    version: library,
    capabilities: CAPABILITIES,
    quoteIdentifier,
    // DuckDB's lexical rules are PostgreSQL's: dollar quotes, E'' strings, nested block comments.
    dialect: 'duckdb',
    schemaGraphQueries: duckdbGraphQueries,
    // `?` placeholders, bound as VARCHAR values on the prepared statement (DuckDB casts them as it would a literal).
    tableQuery: (query, page) =>
      tableQuerySql(query, { engine: 'duckdb', dialect: 'duckdb', quoteIdentifier, placeholder: () => '?' }, page),
    explain: duckdbExplainer,
    objectsQuery: duckdbObjectsQuery,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const { engine, readOnly = false } = connection
      if (engine !== 'duckdb') throw duckdbFailure('invalid-input', `The DuckDB driver cannot connect to ${engine}`)
      const given = connection.file?.trim()
      if (!given)
        throw duckdbFailure('invalid-input', 'A DuckDB connection needs a database file, :memory: or a data file')
      const file = given === ':memory:' ? given : resolve(given)
      if (!existsSync(hostScript)) throw duckdbFailure('internal', `DuckDB host script not found: ${hostScript}`)
      const spawnHost = () => DuckdbHostProcess.start(hostScript, { file, readOnly })
      const first = await spawnHost()
      return new DuckdbConnection(
        {
          spawnHost,
          serverInfo: (serverVersion) => ({
            engine: 'duckdb',
            driverName: driver.name,
            driverVersion: driver.version,
            serverVersion,
            capabilities: CAPABILITIES,
          }),
        },
        first,
      )
    },
  }
  return driver
}
