import { createRequire } from 'node:module'
import mssql from 'mssql'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { mssqlOpener } from './mssql-client'
import type { SessionOpener } from './mssql-client'
import { MssqlConnection } from './mssql-connection'
import { installExactValues } from './mssql-exact-values'
import { MSSQL_CAPABILITIES, MSSQL_FACTS } from './mssql-facts'
import type { MssqlTarget } from './mssql-options'
import { resolveTarget } from './mssql-options'
import type { PoolLimits } from './mssql-pool'

/** How to build the SQL Server driver. */
export interface MssqlDriverOptions extends Partial<PoolLimits> {
  /** Opens sessions for a target; tests may hand in a fake. */
  opener?: (target: MssqlTarget) => SessionOpener
}

const CAPABILITIES = MSSQL_CAPABILITIES

const DEFAULT_LIMITS: PoolLimits = { maxQuerySessions: 4, idleMs: 60_000 }

function libraryVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** Creates the SQL Server driver (mssql over tedious, T-SQL batches in stream mode). */
export function createMssqlDriver(options: MssqlDriverOptions = {}): Driver {
  const { opener = mssqlOpener, ...limits } = options
  const exact = installExactValues()
  // geography, geometry, hierarchyid: the raw bytes, read here (WKT) rather than by mssql's parser.
  ;(mssql as unknown as { valueHandler: Map<unknown, (value: unknown) => unknown> }).valueHandler.set(
    mssql.TYPES.UDT,
    (value) => value,
  )
  const version = `mssql ${libraryVersion('mssql')}, tedious ${libraryVersion('tedious')}${exact ? '' : ' (inexact decimals and times)'}`
  const driver: Driver = {
    engine: 'mssql',
    name: 'SQL Server',
    version,
    capabilities: CAPABILITIES,
    quoteIdentifier: (name) => quoteIdentifier('mssql', name),
    dialect: 'mssql',
    tableQuery: MSSQL_FACTS.tableQuery,
    objectsQuery: MSSQL_FACTS.objectsQuery,
    schemaGraphQueries: MSSQL_FACTS.schemaGraphQueries,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const target = resolveTarget(connection)
      return MssqlConnection.open({
        openSession: opener(target),
        database: target.database,
        target: target.label,
        limits: { ...DEFAULT_LIMITS, ...limits },
        serverInfo: (serverVersion) => ({
          engine: 'mssql',
          driverName: driver.name,
          driverVersion: driver.version,
          serverVersion,
          capabilities: CAPABILITIES,
        }),
      })
    },
  }
  return driver
}
