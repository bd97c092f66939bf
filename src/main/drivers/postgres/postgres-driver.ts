import { postgresGraphAroundQueries, postgresGraphQueries } from './postgres-graph-sql'
import { createRequire } from 'node:module'
import { POSTGRES } from '../../../shared/engines/postgres'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { tableQuerySql } from '../table-query-sql'
import { postgresObjectsQuery } from './postgres-objects-sql'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { PostgresConnection } from './postgres-connection'
import { resolveSettings } from './postgres-options'
import type { PoolLimits } from './postgres-pool'
import type { ClientFactory } from './postgres-session'
import { pgClient, sessionOpener } from './postgres-session'
import { postgresExplainer } from './postgres-explain'

/** How to build the PostgreSQL driver. */
export interface PostgresDriverOptions extends Partial<PoolLimits> {
  /** Makes pg clients; tests may hand in a fake. */
  client?: ClientFactory
}

/** What it can do: its descriptor's capabilities. */
const CAPABILITIES = POSTGRES.capabilities

const DEFAULT_LIMITS: PoolLimits = { maxQuerySessions: 4, queryIdleMs: 60_000, metaIdleMs: 300_000 }

/** pg's version, read from its package.json. */
function libraryVersion(): string {
  try {
    return (createRequire(import.meta.url)('pg/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

const TABLE_SQL = { engine: 'postgres', dialect: 'postgres', placeholder: (n: number) => `$${n}` } as const

/** Creates the PostgreSQL driver (node-postgres, text protocol, server-side portals). */
export function createPostgresDriver(options: PostgresDriverOptions = {}): Driver {
  const { client = pgClient, ...limits } = options
  const driver: Driver = {
    engine: 'postgres',
    name: 'PostgreSQL',
    version: `pg ${libraryVersion()}`,
    capabilities: CAPABILITIES,
    quoteIdentifier: (name) => quoteIdentifier('postgres', name),
    dialect: 'postgres',
    explain: postgresExplainer,
    tableQuery: (query, page) => tableQuerySql(query, { ...TABLE_SQL, quoteIdentifier: driver.quoteIdentifier }, page),
    objectsQuery: postgresObjectsQuery,
    schemaGraphQueries: postgresGraphQueries,
    schemaGraphAroundQueries: postgresGraphAroundQueries,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const settings = await resolveSettings(connection)
      return PostgresConnection.open({
        target: settings.target,
        readOnly: connection.readOnly === true,
        openSession: sessionOpener(settings, client),
        limits: { ...DEFAULT_LIMITS, ...limits },
        serverInfo: (serverVersion) => ({
          engine: 'postgres',
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
