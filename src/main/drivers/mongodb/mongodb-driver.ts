import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { mongoClient } from './mongodb-client'
import type { MongoClientFactory } from './mongodb-client'
import { MongoConnection } from './mongodb-connection'
import { MONGODB_FACTS } from './mongodb-facts'
import { toMongoFailure } from './mongodb-errors'
import { resolveTarget } from './mongodb-options'

/** How to build the MongoDB driver. */
export interface MongodbDriverOptions {
  /** Connects clients; tests may hand in a fake. */
  client?: MongoClientFactory
}

const CAPABILITIES = MONGODB_FACTS.capabilities

/** Creates the MongoDB driver (the official mongodb package). Queries are shell commands, parsed, never run as code. */
export function createMongodbDriver(options: MongodbDriverOptions = {}): Driver {
  const connectClient = options.client ?? mongoClient
  const driver: Driver = {
    ...MONGODB_FACTS,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const target = resolveTarget(connection)
      const context = { phase: 'connect' as const, target: target.label }
      let client
      try {
        client = await connectClient(target.url, target.client)
      } catch (error) {
        throw toMongoFailure(error, context)
      }
      let serverVersion: string
      try {
        const info = await client.command('admin', { buildInfo: 1 })
        serverVersion = typeof info.version === 'string' ? info.version : 'unknown'
      } catch (error) {
        await client.close().catch(() => {})
        throw toMongoFailure(error, context)
      }
      return new MongoConnection({
        client,
        database: target.database,
        databaseNamed: target.databaseNamed,
        serverVersion,
        readOnly: connection.readOnly === true,
        serverInfo: (version) => ({
          engine: 'mongodb',
          driverName: driver.name,
          driverVersion: driver.version,
          serverVersion: version,
          capabilities: CAPABILITIES,
        }),
      })
    },
  }
  return driver
}
