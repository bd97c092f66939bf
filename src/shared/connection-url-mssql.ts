import { decode } from './connection-url-params'
import type { MssqlEncrypt, MssqlSettings } from './contract/model'

/** What the SQL Server reading of a URL gives: the URL in the common form, plus SQL Server's settings. */
export type MssqlUrlResult = { ok: true; rest: string; mssql: MssqlSettings } | { ok: false; error: string }

const ENCRYPT: Record<string, MssqlEncrypt> = {
  true: 'mandatory',
  yes: 'mandatory',
  mandatory: 'mandatory',
  false: 'optional',
  no: 'optional',
  optional: 'optional',
  strict: 'strict',
}
const BOOLEAN: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false }

/** JDBC property names (lower-cased) that mean a common URL parameter. */
const JDBC_NAMES: Record<string, string> = {
  databasename: 'database',
  database: 'database',
  username: 'user',
  user: 'user',
  password: 'password',
  logintimeout: 'connect_timeout',
  servername: 'host',
  portnumber: 'port',
  port: 'port',
}

/** Splits `a;b={x;y};c` at semicolons outside JDBC's {braces}, braces removed. */
function jdbcProperties(text: string): string[] {
  const out: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '{') {
      const close = text.indexOf('}', i + 1)
      const end = close < 0 ? text.length : close
      current += text.slice(i + 1, end)
      i = end
    } else if (ch === ';') {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out.filter((p) => p.trim() !== '')
}

/** Applies a SQL Server setting; an error message, or null (also when the key is not one). */
function applySetting(key: string, value: string, into: MssqlSettings): string | null | false {
  switch (key.toLowerCase()) {
    case 'encrypt': {
      const mode = ENCRYPT[value.toLowerCase()]
      if (!mode) return `Unknown encrypt value "${value}": use true, false or strict`
      into.encrypt = mode
      return null
    }
    case 'trustservercertificate': {
      const flag = BOOLEAN[value.toLowerCase()]
      if (flag === undefined) return `Bad trustServerCertificate "${value}": use true or false`
      into.trustServerCertificate = flag
      return null
    }
    case 'instancename':
    case 'instance':
      into.instance = value
      return null
  }
  return false
}

/**
 * Reads what is particular to SQL Server URLs and rewrites the rest in the common form
 * (`authority[/database][?params]`), for the shared parser:
 * - JDBC style: `sqlserver://host\instance:1433;databaseName=db;encrypt=true;trustServerCertificate=true`
 * - URL style: `mssql://user:pass@host:1433/db?encrypt=strict`, the instance as `host\instance`
 *   (or `%5C`), `?instanceName=`, or node-mssql's `host/instance/db`.
 */
export function readMssqlUrl(rest: string): MssqlUrlResult {
  const mssql: MssqlSettings = {}
  const query: string[] = []
  let main = rest
  const semicolon = rest.indexOf(';')
  if (semicolon >= 0) {
    main = rest.slice(0, semicolon)
    for (const property of jdbcProperties(rest.slice(semicolon + 1))) {
      const equals = property.indexOf('=')
      const key = (equals < 0 ? property : property.slice(0, equals)).trim()
      const value = equals < 0 ? '' : property.slice(equals + 1).trim()
      const applied = applySetting(key, value, mssql)
      if (typeof applied === 'string') return { ok: false, error: applied }
      if (applied === false)
        query.push(`${encodeURIComponent(JDBC_NAMES[key.toLowerCase()] ?? key)}=${encodeURIComponent(value)}`)
    }
  }
  const question = main.indexOf('?')
  if (question >= 0) {
    for (const pair of main
      .slice(question + 1)
      .split('&')
      .filter((p) => p !== '')) {
      const equals = pair.indexOf('=')
      const key = decode(equals < 0 ? pair : pair.slice(0, equals))
      const value = decode(equals < 0 ? '' : pair.slice(equals + 1))
      if (key === null || value === null) return { ok: false, error: 'Bad percent-encoding in the URL parameters' }
      const applied = applySetting(key, value, mssql)
      if (typeof applied === 'string') return { ok: false, error: applied }
      if (applied === false) query.push(pair)
    }
    main = main.slice(0, question)
  }
  // ADO.NET's host,port.
  main = main.replace(/^([^/,]*),(\d{1,5})(?=\/|$)/, '$1:$2')
  const slash = main.indexOf('/')
  let authority = slash < 0 ? main : main.slice(0, slash)
  let path = slash < 0 ? '' : main.slice(slash + 1)
  const at = authority.lastIndexOf('@')
  const backslash = /\\|%5c/i.exec(authority.slice(at + 1))
  if (backslash) {
    const start = at + 1 + backslash.index
    const after = authority.slice(start + backslash[0].length)
    const colon = after.indexOf(':')
    const instance = decode(colon < 0 ? after : after.slice(0, colon))
    if (instance === null) return { ok: false, error: 'Bad percent-encoding in the instance name' }
    mssql.instance ??= instance
    authority = authority.slice(0, start) + (colon < 0 ? '' : after.slice(colon))
  }
  const parts = path.split('/')
  if (parts.length === 2 && parts[0]) {
    // node-mssql: host/instance/database
    const instance = decode(parts[0])
    if (instance === null) return { ok: false, error: 'Bad percent-encoding in the instance name' }
    mssql.instance ??= instance
    path = parts[1]!
  }
  if (mssql.instance !== undefined && !/^[A-Za-z0-9_$#-]{1,128}$/.test(mssql.instance)) {
    return { ok: false, error: `Bad instance name "${mssql.instance.slice(0, 40)}"` }
  }
  const rewritten = `${authority}${path ? `/${path}` : ''}${query.length ? `?${query.join('&')}` : ''}`
  return { ok: true, rest: rewritten, mssql }
}

/** SQL Server's settings as URL parameters (the instance goes in the authority, `host\instance`). */
export function mssqlUrlParams(settings: MssqlSettings | undefined): string[] {
  const params: string[] = []
  if (settings?.encrypt && settings.encrypt !== 'mandatory')
    params.push(`encrypt=${settings.encrypt === 'strict' ? 'strict' : 'false'}`)
  if (settings?.trustServerCertificate) params.push('trustServerCertificate=true')
  return params
}
