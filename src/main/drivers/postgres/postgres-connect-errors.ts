import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract/errors'
import { isServerError, isSystemError, pgError, toQuarryError } from './postgres-errors'

/** What connect failures need to know about the target, to say what went wrong in plain words. */
export interface ConnectTarget {
  /** host:port as a user would write it. */
  label: string
  host: string
  user: string
  database: string
  sslMode: string
  connectTimeoutMs: number
}

const TLS_CERTIFICATE =
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|certificate/i

/**
 * A failed connect in words a user understands: unreachable host, refused connection, timeout,
 * wrong password, unknown database, TLS not offered or not trusted. The server's SQLSTATE or
 * Node's error code is kept as the code.
 */
export function connectError(thrown: unknown, target: ConnectTarget): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  const { label } = target
  const raw = thrown instanceof Error ? thrown.message : String(thrown)
  if (isServerError(thrown)) {
    const said = `(the server said: ${thrown.message})`
    if (thrown.code === '28P01') {
      return pgError('permission', `Wrong password for user "${target.user}" on ${label} ${said}`, thrown.code)
    }
    if (thrown.code === '3D000') {
      return pgError('connection', `Database "${target.database}" does not exist on ${label}`, thrown.code)
    }
    const { kind, message } = toQuarryError(thrown)
    return pgError(kind === 'syntax' || kind === 'invalid-input' ? 'connection' : kind, message, thrown.code)
  }
  const code = isSystemError(thrown) ? thrown.code : undefined
  const seconds = `${target.connectTimeoutMs / 1000} s`
  const by = (kind: ErrorKind, message: string) => pgError(kind, message, code)
  if (code === 'ECONNREFUSED') {
    return by('connection', `Connection refused by ${label}: no PostgreSQL server is listening there`)
  }
  if (code === 'ENOENT' && target.host.startsWith('/')) {
    return by('connection', `No PostgreSQL server socket in ${target.host} (is the server running?)`)
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return by('connection', `Host "${target.host}" could not be found (DNS lookup failed)`)
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') {
    return by('connection', `Host ${label} is unreachable from this machine (${code})`)
  }
  if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(raw)) {
    return by('timeout', `No answer from ${label} within ${seconds} (connect timeout)`)
  }
  if (/does not support SSL/i.test(raw)) {
    return by(
      'connection',
      `The server at ${label} does not accept TLS connections, and SSL mode "${target.sslMode}" requires TLS`,
    )
  }
  if (/error establishing an SSL connection/i.test(raw)) {
    return by('connection', `The server at ${label} did not answer the TLS request as a PostgreSQL server does`)
  }
  if ((code && TLS_CERTIFICATE.test(code)) || TLS_CERTIFICATE.test(raw)) {
    return by('connection', `The TLS certificate of ${label} was not accepted (SSL mode "${target.sslMode}"): ${raw}`)
  }
  if (/password must be a string|no password/i.test(raw)) {
    return pgError(
      'permission',
      `The server at ${label} asks for a password for user "${target.user}", and none was given`,
    )
  }
  if (code === 'ECONNRESET' || /Connection terminated|closed the connection/i.test(raw)) {
    return by('connection', `The server at ${label} closed the connection while connecting: is it a PostgreSQL server?`)
  }
  return by('connection', `Cannot connect to ${label}: ${raw}`)
}
