import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DriverCapabilities } from '../../../shared/contract'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { HostProcess } from './host-process'
import { SqliteConnection } from './sqlite-connection'
import { quoteIdentifier } from './sqlite-dialect'
import { sqliteFailure } from './sqlite-errors'
import { sqliteExplainer } from './sqlite-explain'

/** How to build the SQLite driver. */
export interface SqliteDriverOptions {
  /** The built host script (out/main/sqlite-host.js). Defaults to the one beside this bundle. */
  hostScript?: string
  /** Most query hosts (child processes) one connection runs at once; more queries wait. */
  maxQueryHosts?: number
}

const CAPABILITIES: DriverCapabilities = {
  // Cancel stops the statement in the host process, killing it if it is stuck in a step.
  serverSideCancel: true,
  multipleDatabases: false,
  // main, temp and attached databases are SQLite's schemas.
  schemas: true,
  // Counts are exact unless sqlite_stat1 has the table; each TableInfo says which.
  estimatedRowCounts: false,
}

/**
 * The host script beside the bundled main code. Rollup may place this module in a shared chunk
 * one folder down (out/main/chunks/), so the parent folder is tried too.
 */
function defaultHostScript(): string {
  const candidates = ['./sqlite-host.js', '../sqlite-host.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)))
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!
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
    guardsWrites: true,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const { engine, readOnly = false } = connection
      if (engine !== 'sqlite') throw sqliteFailure('invalid-input', `The SQLite driver cannot connect to ${engine}`)
      if (!connection.file?.trim()) throw sqliteFailure('invalid-input', 'A SQLite connection needs a database file')
      // Each host process opens the file on its own, so an in-memory database cannot be shared.
      if (connection.file.trim() === ':memory:')
        throw sqliteFailure('invalid-input', 'In-memory databases are not supported')
      const file = resolve(connection.file)
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
