import type { MongoClientOptions } from 'mongodb'
import type { SslMode } from '../../../shared/contract'
import type { ConnectionOptions } from '../driver'
import { mongoFailure } from './mongodb-errors'

export const DEFAULT_PORT = 27017
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** Where and how a connection reaches MongoDB, resolved once per DriverConnection. */
export interface MongoTarget {
  /** mongodb:// or mongodb+srv:// with host and port only: credentials travel in `client`, never in text. */
  url: string
  client: MongoClientOptions
  /** The database queries and the tree start from. */
  database: string
  /** Whether the user named it (else `test`, the shell's default, which is not listed unless it exists). */
  databaseNamed: boolean
  /** host:port (or the SRV name), for messages. */
  label: string
}

/**
 * TLS as Quarry's SSL modes name it. MongoDB has no opportunistic TLS: `prefer` is the driver's own
 * default (plain for mongodb://, verified TLS for mongodb+srv://). `require` encrypts without
 * checking the certificate unless a CA file is given; `verify-ca` checks the chain only;
 * `verify-full` the chain and the host name.
 */
function tlsOptions(mode: SslMode, caFile: string | undefined, srv: boolean): MongoClientOptions {
  const ca = caFile?.trim() ? { tlsCAFile: caFile.trim() } : {}
  switch (mode) {
    case 'disable':
      return { tls: false }
    case 'prefer':
      return srv ? { tls: true, ...ca } : { tls: false }
    case 'require':
      return ca.tlsCAFile ? { tls: true, ...ca, tlsAllowInvalidHostnames: true } : { tls: true, tlsInsecure: true }
    case 'verify-ca':
      return { tls: true, ...ca, tlsAllowInvalidHostnames: true }
    case 'verify-full':
      return { tls: true, ...ca }
  }
}

/** Validates a connection's options and turns them into the client's URL and options. */
export function resolveTarget(options: ConnectionOptions): MongoTarget {
  if (options.engine !== 'mongodb')
    throw mongoFailure('invalid-input', `The MongoDB driver cannot connect to ${options.engine}`)
  const host = options.host?.trim() || 'localhost'
  if (/[\s/?#@,]/.test(host)) throw mongoFailure('invalid-input', `Invalid host: ${host}`)
  const srv = options.srv === true
  const port = options.port ?? DEFAULT_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw mongoFailure('invalid-input', `Invalid port: ${port}`)
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw mongoFailure('invalid-input', `Invalid connect timeout: ${timeout}`)
  const hostText = host.includes(':') ? `[${host}]` : host
  // An SRV name has no port: the DNS records name the servers.
  const authority = srv ? hostText : `${hostText}:${port}`
  const user = options.user ?? ''
  const client: MongoClientOptions = {
    appName: 'Quarry',
    serverSelectionTimeoutMS: timeout,
    connectTimeoutMS: timeout,
    // One host without SRV is the server the user named (as mongosh and Compass do), not a seed list.
    ...(srv ? {} : { directConnection: true }),
    readPreference: 'primaryPreferred',
    ...tlsOptions(options.ssl?.mode ?? 'prefer', options.ssl?.caFile, srv),
    ...(user ? { auth: { username: user, password: options.password ?? '' } } : {}),
    ...(options.authDatabase?.trim() ? { authSource: options.authDatabase.trim() } : {}),
  }
  return {
    url: `${srv ? 'mongodb+srv' : 'mongodb'}://${authority}/`,
    client,
    database: options.database?.trim() || 'test',
    databaseNamed: Boolean(options.database?.trim()),
    label: authority,
  }
}
