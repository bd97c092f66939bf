import { sqliteGraphAroundQueries, sqliteGraphQueries } from './sqlite-graph-sql'
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SQLITE } from '../../../shared/engines/sqlite'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { HostProcess } from './host-process'
import { SqliteConnection } from './sqlite-connection'
import { quoteIdentifier } from './sqlite-dialect'
import { tableQuerySql } from '../table-query-sql'
import { sqliteFailure } from './sqlite-errors'
import { sqliteExplainer } from './sqlite-explain'

/** How to build the SQLite driver. */
export interface SqliteDriverOptions {
  /** The built host script (out/main/sqlite-host.js). Defaults to the one beside this bundle. */
  hostScript?: string
  /** Most query hosts (child processes) one connection runs at once; more queries wait. */
  maxQueryHosts?: number
}

/** What it can do: its descriptor's capabilities. */
const CAPABILITIES = SQLITE.capabilities

/**
 * The host script beside the bundled main code. Rollup may place this module in a shared chunk
 * one folder down (out/main/chunks/), so the parent folder is tried too.
 */
function defaultHostScript(): string {
  const candidates = ['./sqlite-host.js', '../sqlite-host.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)))
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!
}

/**
 * Only regular files (or a path not there yet, which a read-write connection creates) are opened:
 * SQLite would block forever reading a FIFO or a character device, and its host with it.
 */
async function refuseNonRegularFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null)
  if (!info || info.isFile()) return
  const what = info.isDirectory()
    ? 'a directory'
    : info.isFIFO()
      ? 'a named pipe (FIFO)'
      : info.isSocket()
        ? 'a socket'
        : 'a device'
  throw sqliteFailure('invalid-input', `${file} is ${what}, not a database file: SQLite opens regular files only`)
}

/** better-sqlite3's version, read from its package.json: main never loads the native addon. */
function libraryVersion(): string {
  try {
    return (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** Creates the SQLite driver; every SQLite call runs in a forked host process. */
export function createSqliteDriver(options: SqliteDriverOptions = {}): Driver {
  const hostScript = options.hostScript ?? defaultHostScript()
  const library = `better-sqlite3 ${libraryVersion()}`
  // The SQLite version is the one the host actually loaded, known once a host has started.
  let sqliteVersion: string | null = null

  const driver: Driver = {
    engine: 'sqlite',
    name: 'SQLite',
    get version() {
      return sqliteVersion ? `${library} (SQLite ${sqliteVersion})` : library
    },
    capabilities: CAPABILITIES,
    quoteIdentifier,
    dialect: 'sqlite',
    explain: sqliteExplainer,
    schemaGraphQueries: sqliteGraphQueries(quoteIdentifier),
    schemaGraphAroundQueries: sqliteGraphAroundQueries(quoteIdentifier),
    tableQuery: (query, page) =>
      tableQuerySql(query, { engine: 'sqlite', dialect: 'sqlite', quoteIdentifier, placeholder: () => '?' }, page),
    // SQLite has triggers only (no routines or sequences); the schema is an attached database's name.
    objectsQuery: (schema) => ({
      sql: `SELECT 'trigger' AS kind, name, 'on ' || tbl_name AS detail FROM ${quoteIdentifier(schema)}.sqlite_schema WHERE type = 'trigger' ORDER BY name`,
      params: [],
    }),
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const { engine, readOnly = false } = connection
      if (engine !== 'sqlite') throw sqliteFailure('invalid-input', `The SQLite driver cannot connect to ${engine}`)
      if (!connection.file?.trim()) throw sqliteFailure('invalid-input', 'A SQLite connection needs a database file')
      // Each host process opens the file on its own, so an in-memory database cannot be shared.
      if (connection.file.trim() === ':memory:')
        throw sqliteFailure('invalid-input', 'In-memory databases are not supported')
      const file = resolve(connection.file)
      await refuseNonRegularFile(file)
      if (!existsSync(hostScript)) throw sqliteFailure('internal', `SQLite host script not found: ${hostScript}`)
      const spawnHost = (first: boolean) =>
        // Only the first host may create the file (read-write connections to a new path).
        HostProcess.start(hostScript, { file, readOnly, mustExist: readOnly || !first })
      const meta = await spawnHost(true)
      sqliteVersion = meta.info.sqliteVersion
      return new SqliteConnection(
        {
          file,
          spawnHost,
          maxQueryHosts: options.maxQueryHosts ?? 4,
          serverInfo: (serverVersion) => ({
            engine: 'sqlite',
            driverName: driver.name,
            driverVersion: driver.version,
            serverVersion,
            capabilities: CAPABILITIES,
          }),
        },
        meta,
      )
    },
  }
  return driver
}
