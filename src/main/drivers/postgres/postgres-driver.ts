import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { PostgresConnection } from './postgres-connection'
import { POSTGRES_FACTS } from './postgres-facts'
import { resolveSettings } from './postgres-options'
import type { PoolLimits } from './postgres-pool'
import type { ClientFactory } from './postgres-session'
import { pgClient, sessionOpener } from './postgres-session'

/** How to build the PostgreSQL driver. */
export interface PostgresDriverOptions extends Partial<PoolLimits> {
  /** Makes pg clients; tests may hand in a fake. */
  client?: ClientFactory
}

const CAPABILITIES = POSTGRES_FACTS.capabilities

const DEFAULT_LIMITS: PoolLimits = { maxQuerySessions: 4, queryIdleMs: 60_000, metaIdleMs: 300_000 }

/** Creates the PostgreSQL driver (node-postgres, text protocol, server-side portals). */
export function createPostgresDriver(options: PostgresDriverOptions = {}): Driver {
  const { client = pgClient, ...limits } = options
  const driver: Driver = {
    ...POSTGRES_FACTS,
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
