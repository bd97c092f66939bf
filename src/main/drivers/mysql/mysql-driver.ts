import { mysqlGraphAroundQueries, mysqlGraphQueries } from './mysql-graph-sql'
import { createRequire } from 'node:module'
import { MYSQL } from '../../../shared/engines/mysql'
import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { tableQuerySql } from '../table-query-sql'
import { mysqlObjectsQuery } from './mysql-objects-sql'
import type { ConnectionOptions, Driver, DriverConnection } from '../driver'
import { COLLATION_WIDTHS } from './mysql-catalog-sql'
import type { MysqlClient } from './mysql-client'
import { openClient, runQuery } from './mysql-client'
import { DEFAULT_CALL_TIMEOUT_MS, withCallTimeout } from '../call-timeout'
import { MysqlConnection, timedOut } from './mysql-connection'
import { toMysqlFailure } from './mysql-errors'
import { flavorOf } from './mysql-flavor'
import type { ServerProfile } from './mysql-flavor'
import { resolveTarget } from './mysql-options'
import { SessionPool } from './mysql-pool'
import type { SessionRole } from './mysql-pool'
import { mysqlExplainer } from './mysql-explain'

/** How to build the MySQL/MariaDB driver. */
export interface MysqlDriverOptions {
  /** Most queries one connection runs at once (each holds a server session); more wait. */
  maxQuerySessions?: number
  /** Sessions for catalog calls, which never wait behind queries. */
  maxMetaSessions?: number
  /** Idle sessions close after this long. */
  idleTimeoutMs?: number
}

/** What it can do: its descriptor's capabilities. */
const CAPABILITIES = MYSQL.capabilities

function libraryVersion(): string {
  try {
    return (createRequire(import.meta.url)('mysql2/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** What the driver reads once per connection: version, flavor and collation widths. */
async function readProfile(client: MysqlClient): Promise<ServerProfile> {
  const [row] = await runQuery<{ version: string }>(client, 'SELECT VERSION() AS version')
  const version = row?.version ?? 'unknown'
  const maxBytesPerChar = new Map<number, number>()
  for (const sql of COLLATION_WIDTHS) {
    try {
      const rows = await runQuery<{ id: number; maxlen: number }>(client, sql)
      for (const { id, maxlen } of rows) maxBytesPerChar.set(Number(id), Number(maxlen))
      break
    } catch {
      // Not in this server's catalog: try the next form.
    }
  }
  return { flavor: flavorOf(version), version, maxBytesPerChar }
}

/** Creates the MySQL/MariaDB driver (engine 'mysql'), on mysql2. */
export function createMysqlDriver(options: MysqlDriverOptions = {}): Driver {
  const library = `mysql2 ${libraryVersion()}`
  let lastServer: string | null = null
  const limits: Record<SessionRole, number> = {
    query: options.maxQuerySessions ?? 8,
    meta: options.maxMetaSessions ?? 2,
    control: 1,
    // Editor tabs' own sessions: one per open tab, never pooled.
    tab: 256,
  }
  const driverVersion = (server: string | null) => (server ? `${library} (server ${server})` : library)

  const driver: Driver = {
    engine: 'mysql',
    name: 'MySQL / MariaDB',
    get version() {
      return driverVersion(lastServer)
    },
    capabilities: CAPABILITIES,
    quoteIdentifier: (name) => quoteIdentifier('mysql', name),
    dialect: 'mysql',
    explain: mysqlExplainer,
    // `?` placeholders, bound by the stream as hex literals (see mysql-params.ts).
    tableQuery: (query, page) =>
      tableQuerySql(
        query,
        { engine: 'mysql', dialect: 'mysql', quoteIdentifier: driver.quoteIdentifier, placeholder: () => '?' },
        page,
      ),
    objectsQuery: mysqlObjectsQuery,
    schemaGraphQueries: mysqlGraphQueries,
    schemaGraphAroundQueries: mysqlGraphAroundQueries,
    async connect(connection: ConnectionOptions): Promise<DriverConnection> {
      const target = await resolveTarget(connection)
      const callTimeoutMs = connection.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
      const context = { phase: 'connect' as const, target: target.label }
      // A read-only connection is enforced by the server: every session runs in READ ONLY transactions.
      const initSession = async (client: MysqlClient) => {
        if (connection.readOnly) await runQuery(client, 'SET SESSION TRANSACTION READ ONLY')
      }
      const open = async () => {
        const client = await openClient(target)
        await initSession(client).catch((error: unknown) => {
          client.destroy()
          throw error
        })
        return client
      }
      const pool = new SessionPool(open, limits, options.idleTimeoutMs)
      let profile: ServerProfile
      try {
        // The first meta session proves the target and credentials, and reads the server's profile.
        const session = await pool.acquire('meta')
        profile = await withCallTimeout(readProfile(session.client), callTimeoutMs, () => {
          pool.discard(session)
          return timedOut(target.label, callTimeoutMs)
        })
        pool.release(session)
      } catch (error) {
        await pool.close()
        throw toMysqlFailure(error, context)
      }
      lastServer = profile.version
      return new MysqlConnection({
        pool,
        profile,
        serverName: target.label,
        database: connection.database || null,
        readOnly: connection.readOnly === true,
        initSession,
        callTimeoutMs,
        serverInfo: (server) => ({
          engine: 'mysql',
          driverName: driver.name,
          driverVersion: driverVersion(server.version),
          serverVersion: server.version,
          capabilities: CAPABILITIES,
        }),
      })
    },
  }
  return driver
}
