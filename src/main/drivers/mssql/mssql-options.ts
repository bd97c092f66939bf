import type { config as MssqlConfig } from 'mssql'
import type { ConnectionOptions } from '../driver'
import type { LoginMessage } from './mssql-errors'
import { mssqlFailure } from './mssql-errors'

export const DEFAULT_PORT = 1433
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** Where and how to connect, resolved once per DriverConnection and shared by its sessions. */
export interface MssqlTarget {
  /** mssql's configuration of a session on `database` (the connection's default when absent). */
  config(database: string | undefined, loginMessages: LoginMessage[]): MssqlConfig
  /** The database the options named, or '' for the login's default database. */
  database: string
  /** host:port, host\instance or host\instance,port: for messages. */
  label: string
}

const INSTANCE = /^[A-Za-z0-9_$#-]{1,128}$/

/**
 * Validates a connection's options and turns them into the configuration its sessions use.
 * Encryption follows SSMS: optional (TLS for the login only, unless the server forces it),
 * mandatory (the default), strict (TDS 8.0, TLS before anything else). The certificate is checked
 * unless trustServerCertificate is set. A named instance without a port is looked up through
 * SQL Server Browser (UDP 1434); with a port, the port wins, as in SSMS.
 */
export function resolveTarget(options: ConnectionOptions): MssqlTarget {
  if (options.engine !== 'mssql') {
    throw mssqlFailure('invalid-input', `The SQL Server driver cannot connect to ${options.engine}`)
  }
  if (options.readOnly) {
    // SQL Server has no session-wide read-only mode (ApplicationIntent=ReadOnly routes, it does not forbid).
    throw mssqlFailure('invalid-input', 'Read-only connections are not supported for SQL Server yet')
  }
  const host = options.host?.trim() || 'localhost'
  const instance = options.mssql?.instance?.trim() || undefined
  if (instance !== undefined && !INSTANCE.test(instance)) {
    throw mssqlFailure('invalid-input', `Invalid instance name: ${instance}`)
  }
  const port = options.port ?? (instance ? undefined : DEFAULT_PORT)
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw mssqlFailure('invalid-input', `Invalid port: ${port}`)
  }
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw mssqlFailure('invalid-input', `Invalid connect timeout: ${timeout}`)
  }
  const encrypt = options.mssql?.encrypt ?? 'mandatory'
  const trustServerCertificate = options.mssql?.trustServerCertificate ?? false
  const shownHost = host.includes(':') ? `[${host}]` : host
  const label = instance ? `${shownHost}\\${instance}${port ? `,${port}` : ''}` : `${shownHost}:${port}`
  const defaultDatabase = options.database?.trim() ?? ''
  return {
    database: defaultDatabase,
    label,
    config: (database, loginMessages) => ({
      server: host,
      ...(port !== undefined ? { port } : {}),
      user: options.user ?? '',
      password: options.password ?? '',
      ...(database || defaultDatabase ? { database: database || defaultDatabase } : {}),
      connectionTimeout: timeout,
      // User queries run as long as they run; cancel is the user's to send.
      requestTimeout: 0,
      options: {
        ...(instance ? { instanceName: instance } : {}),
        encrypt: encrypt === 'strict' ? 'strict' : encrypt === 'mandatory',
        trustServerCertificate,
        appName: 'Quarry',
        useUTC: true,
        // Messages that tedious reduces to "Login failed" say why (4060: no such database…).
        connectionRetryInterval: 500,
        maxRetriesOnTransientErrors: 0,
      },
      beforeConnect: (connection: { on(event: 'errorMessage', listener: (m: LoginMessage) => void): void }) =>
        connection.on('errorMessage', (message) => {
          if (loginMessages.length < 10) loginMessages.push({ number: message.number, message: message.message })
        }),
    }),
  }
}
