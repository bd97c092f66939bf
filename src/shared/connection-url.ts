import { mssqlUrlParams, readMssqlUrl } from './connection-url-mssql'
import { MYSQL_SSL_MODE, decode, parseUrlParams } from './connection-url-params'
import { hasControlCharacters } from './contract/connection-profile'
import { CONNECTABLE_ENGINES, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_SSL_MODE } from './contract/engine-catalog'
import type { ConnectableEngine } from './contract/engine-catalog'
import type { ConnectionProfile, MssqlSettings, SslMode } from './contract/model'
import type { SettingsBlock } from './engines/engine-descriptor'

/** Longest URL the parser looks at; anything longer is refused before any other work. */
export const MAX_CONNECTION_URL_LENGTH = 8192

/** What a connection URL says; what it does not mention is absent. */
export interface ParsedConnectionUrl {
  engine: ConnectableEngine
  host?: string
  port?: number
  user?: string
  password?: string
  database?: string
  ssl?: { mode: SslMode; caFile?: string }
  connectTimeoutMs?: number
  /** SQL Server: instance, encrypt, trustServerCertificate. */
  mssql?: MssqlSettings
  /** MongoDB: the auth database (authSource). */
  authDatabase?: string
  /** MongoDB: a mongodb+srv:// URL (the host is an SRV name). */
  srv?: boolean
  /** Parameters ignored or read approximately, in words for the user. */
  warnings: string[]
}

export type ConnectionUrlResult = { ok: true; value: ParsedConnectionUrl } | { ok: false; error: string }

const SCHEMES = CONNECTABLE_ENGINES.flatMap((d) => d.urlSchemes.map((scheme) => `${scheme}://`))
const fail = (error: string): ConnectionUrlResult => ({ ok: false, error })
const shown = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text)

/**
 * Reads `scheme://[user[:password]@]host[:port][/database][?params]` for the server engines.
 * Any input, however hostile, gives a value or an error message; nothing is thrown.
 */
export function parseConnectionUrl(input: unknown): ConnectionUrlResult {
  try {
    return parse(input)
  } catch {
    return fail('The URL could not be read')
  }
}

function parse(input: unknown): ConnectionUrlResult {
  if (typeof input !== 'string') return fail('A connection URL must be text')
  if (input.length > MAX_CONNECTION_URL_LENGTH)
    return fail(`The URL is too long (${input.length} characters; at most ${MAX_CONNECTION_URL_LENGTH})`)
  const text = input.trim()
  if (!text) return fail(`Paste a connection URL starting with ${SCHEMES.join(', ')}`)
  if (hasControlCharacters(text) || /\s/.test(text)) return fail('A connection URL cannot contain spaces')
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)
  if (!scheme) return fail(`Not a connection URL: it should start with ${SCHEMES.join(', ')}`)
  const name = scheme[1]!.toLowerCase()
  const descriptor = CONNECTABLE_ENGINES.find((d) => (d.urlSchemes as readonly string[]).includes(name))
  if (!descriptor) return fail(`Unsupported scheme "${shown(name)}://": use ${SCHEMES.join(', ')}`)

  // A fragment means nothing to a database; the query string holds parameters.
  let rest = text.slice(scheme[0].length).split('#')[0]!
  let mssql: MssqlSettings | undefined
  if (descriptor.urlStyle === 'encrypt') {
    const read = readMssqlUrl(rest)
    if (!read.ok) return read
    rest = read.rest
    mssql = read.mssql
  }
  const question = rest.indexOf('?')
  const query = question < 0 ? '' : rest.slice(question + 1)
  if (question >= 0) rest = rest.slice(0, question)
  const slash = rest.indexOf('/')
  const authority = slash < 0 ? rest : rest.slice(0, slash)
  const path = slash < 0 ? '' : rest.slice(slash + 1)
  // The last @ ends the user info, so a password with a bare @ still reads as the user meant.
  const at = authority.lastIndexOf('@')
  const userInfo = at < 0 ? null : authority.slice(0, at)
  const hostPort = authority.slice(at + 1)

  const warnings: string[] = []
  const params = parseUrlParams(query, warnings)
  if (!params.ok) return params
  const url: ParsedConnectionUrl = { engine: descriptor.id, warnings }
  const srv = name.endsWith('+srv')
  if (srv) url.srv = true

  if (userInfo !== null) {
    const colon = userInfo.indexOf(':')
    const user = decode(colon < 0 ? userInfo : userInfo.slice(0, colon))
    const password = colon < 0 ? '' : decode(userInfo.slice(colon + 1))
    if (user === null) return fail('Bad percent-encoding in the user name')
    if (password === null) return fail('Bad percent-encoding in the password')
    if (user) url.user = user
    if (colon >= 0) url.password = password
  }
  const target = splitHostPort(hostPort)
  if ('error' in target) return fail(target.error)
  const host = params.value.host ?? target.host
  const port = params.value.port ?? target.port
  if (host) url.host = host
  if (port && srv) return fail('A mongodb+srv:// URL names no port (DNS gives the servers)')
  if (port) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      return fail(`Bad port "${shown(port)}": use a number from 1 to 65535`)
    url.port = Number(port)
  }
  if (path.includes('/')) return fail('Unexpected "/" after the database name (write it as %2F inside a name)')
  const database = params.value.database ?? decode(path)
  if (database === null) return fail('Bad percent-encoding in the database name')
  if (database) url.database = database
  if (params.value.user !== undefined) url.user = params.value.user
  if (params.value.password !== undefined) url.password = params.value.password
  const { caFile, connectTimeoutMs, authDatabase, tlsInsecure } = params.value
  let { sslMode } = params.value
  // MongoDB: tls=true checks the certificate (verify-full) unless told not to; +srv means TLS.
  if (descriptor.urlStyle === 'tls') {
    if (sslMode === 'require') sslMode = tlsInsecure ? 'require' : 'verify-full'
    if (sslMode === undefined && (caFile || tlsInsecure)) sslMode = tlsInsecure ? 'require' : 'verify-full'
    if (sslMode === undefined && srv) sslMode = 'verify-full'
  }
  if (authDatabase) url.authDatabase = authDatabase
  if (sslMode || caFile) url.ssl = { mode: sslMode ?? DEFAULT_SSL_MODE, ...(caFile ? { caFile } : {}) }
  if (connectTimeoutMs !== undefined) url.connectTimeoutMs = connectTimeoutMs
  if (url.user !== undefined && hasControlCharacters(url.user)) return fail('The user name has control characters')
  if (mssql && Object.keys(mssql).length > 0) url.mssql = mssql
  // SQL Server's TLS is its encrypt setting; sslmode-style parameters do not apply to it.
  if (mssql) delete url.ssl
  return { ok: true, value: url }
}

/** Host (percent-decoded, IPv6 unbracketed) and port text of the authority part. */
function splitHostPort(text: string): { host: string; port: string } | { error: string } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']')
    if (close < 0) return { error: 'An IPv6 address must end with "]"' }
    // A zone id is written %25 inside brackets (RFC 6874).
    const host = text.slice(1, close).replace(/%25/i, '%')
    if (!host.includes(':') || !/^[0-9A-Fa-f:.]+(%[\w.~-]+)?$/.test(host))
      return { error: `"${shown(host)}" is not an IPv6 address` }
    const after = text.slice(close + 1)
    if (after && !after.startsWith(':')) return { error: 'Expected ":port" after the IPv6 address' }
    return { host, port: after.slice(1) }
  }
  if (text.includes(',')) return { error: 'Several hosts in one URL are not supported: keep one' }
  const colon = text.indexOf(':')
  const rawHost = colon < 0 ? text : text.slice(0, colon)
  const port = colon < 0 ? '' : text.slice(colon + 1)
  if (port.includes(':')) return { error: 'An IPv6 address must be in brackets, e.g. [::1]:5432' }
  const host = decode(rawHost)
  if (host === null) return { error: 'Bad percent-encoding in the host' }
  if (/[\s@]/.test(host) || hasControlCharacters(host))
    return { error: `Bad host "${shown(host)}" (characters like @ / ? # in a password must be percent-encoded)` }
  return { host, port }
}

/** The fields of a profile a URL can carry. */
export type UrlProfile = Pick<ConnectionProfile, 'engine' | 'host' | 'port' | 'user' | 'database' | 'ssl'> &
  Pick<ConnectionProfile, 'connectTimeoutMs' | SettingsBlock | 'authDatabase' | 'srv'>

/**
 * Writes a profile as a URL in its engine's style; null for engines without URLs (SQLite).
 * The password is only included when given, and the saved one never is.
 */
export function formatConnectionUrl(profile: UrlProfile, password?: string): string | null {
  const descriptor = CONNECTABLE_ENGINES.find((d) => d.id === profile.engine)
  const scheme = profile.srv ? descriptor?.urlSchemes.find((s) => s.endsWith('+srv')) : descriptor?.urlSchemes[0]
  if (!descriptor?.urlStyle || !scheme) return null
  if (descriptor.urlStyle === 'tls') return formatMongoUrl(scheme, profile, password)
  const user = profile.user ? encodeURIComponent(profile.user) : ''
  const secret = password ? `:${encodeURIComponent(password)}` : ''
  const userInfo = user || secret ? `${user}${secret}@` : ''
  const rawHost = profile.host ?? ''
  const host = rawHost.includes(':') ? `[${rawHost.replace('%', '%25')}]` : encodeURIComponent(rawHost)
  const instance = profile.mssql?.instance ? `%5C${encodeURIComponent(profile.mssql.instance)}` : ''
  const port = profile.port ? `:${profile.port}` : ''
  const database = profile.database ? `/${encodeURIComponent(profile.database)}` : ''
  const params: string[] = []
  const libpq = descriptor.urlStyle === 'libpq'
  const ssl = descriptor.urlStyle === 'encrypt' ? undefined : profile.ssl
  if (descriptor.urlStyle === 'encrypt') params.push(...mssqlUrlParams(profile.mssql))
  if (ssl && ssl.mode !== DEFAULT_SSL_MODE)
    params.push(libpq ? `sslmode=${ssl.mode}` : `ssl-mode=${MYSQL_SSL_MODE[ssl.mode]}`)
  if (ssl?.caFile) params.push(`${libpq ? 'sslrootcert' : 'ssl-ca'}=${encodeURIComponent(ssl.caFile)}`)
  const timeout = profile.connectTimeoutMs
  if (timeout !== undefined && timeout !== DEFAULT_CONNECT_TIMEOUT_MS)
    params.push(libpq ? `connect_timeout=${Math.ceil(timeout / 1000)}` : `connect-timeout=${timeout}`)
  return `${scheme}://${userInfo}${host}${instance}${port}${database}${params.length ? `?${params.join('&')}` : ''}`
}

/** `mongodb[+srv]://user@host:port/db?authSource=…&tls=true…`, as MongoDB's drivers read it. */
function formatMongoUrl(scheme: string, profile: UrlProfile, password?: string): string {
  const user = profile.user ? encodeURIComponent(profile.user) : ''
  const secret = password ? `:${encodeURIComponent(password)}` : ''
  const userInfo = user || secret ? `${user}${secret}@` : ''
  const rawHost = profile.host ?? ''
  const host = rawHost.includes(':') ? `[${rawHost}]` : encodeURIComponent(rawHost)
  const port = profile.port && !profile.srv ? `:${profile.port}` : ''
  const params: string[] = []
  if (profile.authDatabase) params.push(`authSource=${encodeURIComponent(profile.authDatabase)}`)
  const mode = profile.ssl?.mode
  if (mode === 'disable' && profile.srv) params.push('tls=false')
  if (mode === 'require' || mode === 'verify-ca' || mode === 'verify-full') params.push('tls=true')
  if (mode === 'require' && !profile.ssl?.caFile) params.push('tlsInsecure=true')
  if (profile.ssl?.caFile) params.push(`tlsCAFile=${encodeURIComponent(profile.ssl.caFile)}`)
  const timeout = profile.connectTimeoutMs
  if (timeout !== undefined && timeout !== DEFAULT_CONNECT_TIMEOUT_MS) params.push(`connectTimeoutMS=${timeout}`)
  const database = profile.database ? encodeURIComponent(profile.database) : ''
  const path = database || params.length ? `/${database}` : ''
  return `${scheme}://${userInfo}${host}${port}${path}${params.length ? `?${params.join('&')}` : ''}`
}
