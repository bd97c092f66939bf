import { readFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { checkServerIdentity } from 'node:tls'
import type { ConnectionOptions as TlsOptions } from 'node:tls'
import type { ClientConfig } from 'pg'
import type { SslMode } from '../../../shared/contract'
import { DEFAULT_CALL_TIMEOUT_MS } from '../call-timeout'
import type { ConnectionOptions } from '../driver'
import { pgFailure } from './postgres-errors'

export const DEFAULT_PORT = 5432
export const DEFAULT_DATABASE = 'postgres'
export const DEFAULT_SSL_MODE: SslMode = 'prefer'
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
/** How sessions show up in pg_stat_activity. */
export const APPLICATION_NAME = 'Quarry'

/** Where a connection points, for messages and for cancel requests. */
export interface PgTarget {
  host: string
  port: number
  user: string
  /** The database used when a call names none. */
  database: string
  sslMode: SslMode
  connectTimeoutMs: number
  /** Longest a query on a session's queue (catalog calls, cleanup) may wait for the server. */
  callTimeoutMs: number
  /** host:port (or the socket directory) as a user would write it. */
  label: string
}

/** One way of opening the socket: TLS with these options, or plain (false). */
export type TlsAttempt = false | TlsOptions

/** ConnectionOptions resolved once per connection into what pg needs for each session. */
export interface PgSettings {
  target: PgTarget
  /** TLS attempts in order: `prefer` tries TLS, then plain; the others have one attempt. */
  attempts: TlsAttempt[]
  clientConfig(database: string, tls: TlsAttempt): ClientConfig
}

/**
 * libpq's SSL modes, mapped faithfully: disable = plain; prefer = TLS (unverified), else plain;
 * require = TLS without verification; verify-ca = the certificate must chain to the CA, any host
 * name; verify-full = the CA chain and the host name. The CA file, when given, replaces Node's
 * default roots.
 */
async function tlsAttempts(mode: SslMode, caFile: string | undefined, serverName?: string): Promise<TlsAttempt[]> {
  const unverified: TlsOptions = { rejectUnauthorized: false }
  if (mode === 'disable') return [false]
  if (mode === 'prefer') return [unverified, false]
  if (mode === 'require') return [unverified]
  let ca: string | undefined
  if (caFile) {
    try {
      ca = await readFile(caFile, 'utf8')
    } catch (error) {
      throw pgFailure('invalid-input', `Cannot read the CA certificate file ${caFile}: ${(error as Error).message}`)
    }
  }
  // Through a tunnel the socket goes to 127.0.0.1: the certificate must still name the real host.
  const named: TlsOptions = serverName
    ? { checkServerIdentity: (_host, cert) => checkServerIdentity(serverName, cert) }
    : {}
  const verified: TlsOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...named }
  // verify-ca: the chain is checked, the name in the certificate is not.
  return mode === 'verify-ca' ? [{ ...verified, checkServerIdentity: () => undefined }] : [verified]
}

export async function resolveSettings(options: ConnectionOptions): Promise<PgSettings> {
  if (options.engine !== 'postgres') {
    throw pgFailure('invalid-input', `The PostgreSQL driver cannot connect to ${options.engine}`)
  }
  const host = options.host?.trim() || 'localhost'
  const port = options.port ?? DEFAULT_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw pgFailure('invalid-input', `Invalid port: ${port}`)
  const sslMode = options.ssl?.mode ?? DEFAULT_SSL_MODE
  const target: PgTarget = {
    host,
    port,
    // libpq's default user is the operating system's user name.
    user: options.user?.trim() || userInfo().username,
    database: options.database?.trim() || DEFAULT_DATABASE,
    sslMode,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    label: host.startsWith('/') ? `${host} (port ${port})` : `${host.includes(':') ? `[${host}]` : host}:${port}`,
  }
  const attempts = await tlsAttempts(sslMode, options.ssl?.caFile, options.tlsServerName)
  const password = options.password
  return {
    target,
    attempts,
    clientConfig: (database, tls) => ({
      host,
      port,
      user: target.user,
      database,
      // A function, so pg never falls back to PGPASSWORD or ~/.pgpass behind the user's back.
      password: () => password as string,
      ssl: tls,
      connectionTimeoutMillis: target.connectTimeoutMs,
      keepAlive: true,
      application_name: APPLICATION_NAME,
      // Read-only connections: every transaction of the session is read-only, enforced by the server.
      ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    }),
  }
}
