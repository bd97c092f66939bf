import { MAX_CONNECT_TIMEOUT_MS, MIN_CONNECT_TIMEOUT_MS } from './contract/engine-catalog'
import type { SslMode } from './contract/model'

/** What the query string of a connection URL can set. */
export interface UrlParams {
  host?: string
  port?: string
  user?: string
  password?: string
  database?: string
  sslMode?: SslMode
  caFile?: string
  connectTimeoutMs?: number
  /** MongoDB's authSource. */
  authDatabase?: string
  /** MongoDB's tlsAllowInvalidCertificates / tlsInsecure: encrypt without checking. */
  tlsInsecure?: boolean
}

/** TLS mode names of libpq (sslmode=) and MySQL (ssl-mode=), lower-cased, to Quarry's. */
const SSL_MODE_NAMES: Record<string, SslMode> = {
  disable: 'disable',
  disabled: 'disable',
  prefer: 'prefer',
  preferred: 'prefer',
  require: 'require',
  required: 'require',
  'verify-ca': 'verify-ca',
  verify_ca: 'verify-ca',
  'verify-full': 'verify-full',
  'verify-identity': 'verify-full',
  verify_identity: 'verify-full',
}

/** Quarry's TLS mode as MySQL spells it in `ssl-mode=`. */
export const MYSQL_SSL_MODE: Record<SslMode, string> = {
  disable: 'DISABLED',
  prefer: 'PREFERRED',
  require: 'REQUIRED',
  'verify-ca': 'VERIFY_CA',
  'verify-full': 'VERIFY_IDENTITY',
}

type Apply = (value: string, into: UrlParams, warnings: string[]) => string | null

const sslMode: Apply = (value, into, warnings) => {
  const name = value.toLowerCase()
  // libpq's "allow" tries plain text first; the nearest mode Quarry has is "prefer".
  if (name === 'allow') {
    warnings.push('sslmode=allow is treated as prefer')
    into.sslMode = 'prefer'
    return null
  }
  const mode = SSL_MODE_NAMES[name]
  if (!mode) return `Unknown SSL mode "${value}": use disable, prefer, require, verify-ca or verify-full`
  into.sslMode = mode
  return null
}

const sslFlag: Apply = (value, into, warnings) => {
  const flag = value.toLowerCase()
  if (['true', '1', 'on', 'yes'].includes(flag)) into.sslMode ??= 'require'
  else if (['false', '0', 'off', 'no'].includes(flag)) into.sslMode ??= 'disable'
  else warnings.push('the ssl= parameter was not understood and is ignored')
  return null
}

const timeout =
  (unitMs: number): Apply =>
  (value, into, warnings) => {
    if (!/^\d{1,9}$/.test(value)) return `Bad connect timeout "${value}": use a whole number`
    const ms = Number(value) * unitMs
    // 0 means "wait forever" to libpq; Quarry always keeps a limit.
    if (ms === 0) warnings.push('a connect timeout of 0 (no limit) is not supported; the default is used')
    else into.connectTimeoutMs = Math.min(MAX_CONNECT_TIMEOUT_MS, Math.max(MIN_CONNECT_TIMEOUT_MS, ms))
    if (ms !== 0 && into.connectTimeoutMs !== ms)
      warnings.push(`the connect timeout was limited to ${into.connectTimeoutMs! / 1000} s`)
    return null
  }

const tlsInsecure: Apply = (value, into) => {
  if (['true', '1', 'yes'].includes(value.toLowerCase())) into.tlsInsecure = true
  return null
}

const field =
  (key: 'host' | 'port' | 'user' | 'password' | 'database' | 'caFile' | 'authDatabase'): Apply =>
  (value, into) => {
    into[key] = value
    return null
  }

/** Query parameters Quarry understands, by lower-cased name (libpq's and MySQL's spellings). */
const PARAMS: Record<string, Apply> = {
  sslmode: sslMode,
  'ssl-mode': sslMode,
  ssl_mode: sslMode,
  ssl: sslFlag,
  sslrootcert: field('caFile'),
  'ssl-ca': field('caFile'),
  ssl_ca: field('caFile'),
  sslca: field('caFile'),
  // libpq counts seconds; MySQL Shell URIs and mysql2 count milliseconds.
  connect_timeout: timeout(1000),
  'connect-timeout': timeout(1),
  connecttimeout: timeout(1),
  host: field('host'),
  port: field('port'),
  user: field('user'),
  username: field('user'),
  password: field('password'),
  dbname: field('database'),
  database: field('database'),
  // MongoDB's connection string options (https://www.mongodb.com/docs/manual/reference/connection-string-options/).
  authsource: field('authDatabase'),
  tls: sslFlag,
  tlscafile: field('caFile'),
  tlsallowinvalidcertificates: tlsInsecure,
  tlsinsecure: tlsInsecure,
  connecttimeoutms: timeout(1),
}

const MAX_PARAMS = 64

/** Reads a URL's query string (already split from it); an error message, or the parameters. */
export function parseUrlParams(
  query: string,
  warnings: string[],
): { ok: true; value: UrlParams } | { ok: false; error: string } {
  const into: UrlParams = {}
  const pairs = query.split('&').filter((pair) => pair !== '')
  if (pairs.length > MAX_PARAMS) return { ok: false, error: `Too many URL parameters (at most ${MAX_PARAMS})` }
  const ignored: string[] = []
  for (const pair of pairs) {
    const equals = pair.indexOf('=')
    const key = decode(equals < 0 ? pair : pair.slice(0, equals))
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1))
    if (key === null || value === null) return { ok: false, error: 'Bad percent-encoding in the URL parameters' }
    const apply = PARAMS[key.toLowerCase()]
    if (!apply) {
      ignored.push(key.length > 40 ? `${key.slice(0, 40)}…` : key)
      continue
    }
    const error = apply(value, into, warnings)
    if (error) return { ok: false, error }
  }
  if (ignored.length > 0) warnings.push(`not used by Quarry: ${ignored.join(', ')}`)
  return { ok: true, value: into }
}

/** decodeURIComponent without the throw: null for malformed escapes. */
export function decode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
