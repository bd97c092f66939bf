import { readFile } from 'node:fs/promises'
import { isIP } from 'node:net'
import type { ConnectionOptions as ClientOptions, SslOptions } from 'mysql2'
import type { SslMode } from '../../../shared/contract'
import type { ConnectionOptions } from '../driver'
import { mysqlFailure } from './mysql-errors'

export const DEFAULT_PORT = 3306
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** Where and how to connect, resolved once per DriverConnection and shared by all its sessions. */
export interface MysqlTarget {
  /** mysql2's options for every session of this connection. */
  client: ClientOptions
  sslMode: SslMode
  /**
   * verify-full to an IP address: the address the certificate must name, checked here once
   * connected. mysql2 checks host names itself, but gives TLS no server name for IP hosts.
   */
  verifyHost: string | null
  /** Set once a session of this target passed the verifyHost check. */
  identityVerified?: boolean
  /** host:port, for messages and as the name of the one database entry (the server). */
  label: string
}

/** mysql2 options every session gets, whatever the connection: values as the server's text, one statement per call. */
const FIXED: ClientOptions = {
  // Scripts are split client-side (splitStatements 'mysql'); never let the server split them.
  multipleStatements: false,
  // LOCAL_FILES: an import's LOAD DATA LOCAL (mysql-bulk-writer.ts). No client file is ever read:
  // mysql2 (2.0 on) sends only what a query's infileStreamFactory returns, and answers a server's
  // request for a file with no data when the query has none. Changed rows reported, as the mysql client does.
  flags: ['LOCAL_FILES', '-FOUND_ROWS'],
  // Only catalog calls parse values through mysql2 (streams read rows raw); keep those exact too.
  supportBigNumbers: true,
  bigNumberStrings: false,
  decimalNumbers: false,
  dateStrings: true,
  jsonStrings: true,
  enableKeepAlive: true,
  connectAttributes: { program_name: 'Quarry' },
}

/**
 * TLS as libpq's sslmode names it, mapped to what mysql2 does. `prefer` tries TLS and falls back to
 * plaintext when the server has none (see openClient); `require` encrypts without checking the
 * certificate unless a CA file is given, which then makes it `verify-ca` (libpq's rule);
 * `verify-ca` checks the chain only; `verify-full` also the host name.
 */
function sslOptions(mode: SslMode, ca: Buffer | undefined, host: string): SslOptions | undefined {
  const withCa = ca ? { ca } : {}
  switch (mode) {
    case 'disable':
      return undefined
    case 'prefer':
      return { rejectUnauthorized: false }
    case 'require':
      return ca ? { ...withCa, rejectUnauthorized: true, verifyIdentity: false } : { rejectUnauthorized: false }
    case 'verify-ca':
      return { ...withCa, rejectUnauthorized: true, verifyIdentity: false }
    case 'verify-full':
      return { ...withCa, rejectUnauthorized: true, verifyIdentity: isIP(host) === 0 }
  }
}

async function readCa(caFile: string | undefined): Promise<Buffer | undefined> {
  if (!caFile?.trim()) return undefined
  try {
    return await readFile(caFile)
  } catch (error) {
    throw mysqlFailure('invalid-input', `Cannot read the CA file ${caFile}: ${(error as Error).message}`)
  }
}

/** Validates a connection's options and turns them into the target its sessions connect to. */
export async function resolveTarget(options: ConnectionOptions): Promise<MysqlTarget> {
  if (options.engine !== 'mysql')
    throw mysqlFailure('invalid-input', `The MySQL driver cannot connect to ${options.engine}`)
  const host = options.host?.trim() || 'localhost'
  const port = options.port ?? DEFAULT_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw mysqlFailure('invalid-input', `Invalid port: ${port}`)
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw mysqlFailure('invalid-input', `Invalid connect timeout: ${timeout}`)
  const sslMode = options.ssl?.mode ?? 'disable'
  const ssl = sslOptions(sslMode, await readCa(options.ssl?.caFile), host)
  const client: ClientOptions = {
    ...FIXED,
    host,
    port,
    user: options.user ?? '',
    password: options.password ?? '',
    connectTimeout: timeout,
    ...(options.database ? { database: options.database } : {}),
    ...(ssl ? { ssl } : {}),
  }
  const label = `${host.includes(':') ? `[${host}]` : host}:${port}`
  // Through a tunnel host is 127.0.0.1; the certificate must name the real host, checked once connected.
  const checkHere = sslMode === 'verify-full' && (isIP(host) !== 0 || options.tlsServerName !== undefined)
  return { client, sslMode, verifyHost: checkHere ? (options.tlsServerName ?? host) : null, label }
}
