import { createRequire } from 'node:module'
import { MONGODB } from '../../../shared/engines/mongodb'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { mongoClient } from './mongodb-client'
import type { MongoClientFactory } from './mongodb-client'
import { MongoConnection } from './mongodb-connection'
import { toMongoFailure } from './mongodb-errors'
import { resolveTarget } from './mongodb-options'
import { mongodbTableQuery } from './mongodb-table-query'

/** How to build the MongoDB driver. */
export interface MongodbDriverOptions {
  /** Connects clients; tests may hand in a fake. */
  client?: MongoClientFactory
}

/** What it can do: its descriptor's capabilities. */
const CAPABILITIES = MONGODB.capabilities

function libraryVersion(): string {
  try {
    return (createRequire(import.meta.url)('mongodb/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** A JSON string of a name, as mongosh writes db.getCollection("…"). */
const quoteName = (name: string): string => JSON.stringify(name)

/** Creates the MongoDB driver (the official mongodb package). Queries are shell commands, parsed, never run as code. */
export function createMongodbDriver(options: MongodbDriverOptions = {}): Driver {
  const connectClient = options.client ?? mongoClient
  const driver: Driver = {
    engine: 'mongodb',
    name: 'MongoDB',
    version: `mongodb ${libraryVersion()}`,
    capabilities: CAPABILITIES,
    quoteIdentifier: quoteName,
    // Scripts are shell commands, split by the shell parser.
    dialect: null,
    tableQuery: mongodbTableQuery,
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
