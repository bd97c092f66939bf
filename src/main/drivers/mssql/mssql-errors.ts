import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { MssqlErrorLike } from './mssql-client'
import { errorPosition } from './mssql-error-position'

/** A server message received while logging in (tedious keeps only the last one's text). */
export interface LoginMessage {
  number: number
  message: string
}

/** A connect failure with the server's own messages of the login, when there were any. */
export type ConnectFailureLike = MssqlErrorLike & { loginMessages?: LoginMessage[] }

/** Where an error happened, for its kind, message and position. */
export interface ErrorContext {
  /** Connecting: an unknown database or a login failure is about reaching the server. */
  phase?: 'connect' | 'query'
  /** host:port or host\instance, for connection messages. */
  target?: string
  /** The failing batch and its 0-based offset in the script, to place the error's line. */
  statement?: { sql: string; offset: number }
}

const KIND_BY_NUMBER = new Map<number, ErrorKind>()
const kinds = (kind: ErrorKind, numbers: number[]) => numbers.forEach((n) => KIND_BY_NUMBER.set(n, kind))
// Statements that cannot run as written: bad syntax, unknown objects, duplicates in DDL.
kinds('syntax', [102, 103, 105, 107, 111, 137, 142, 153, 156, 170, 178, 207, 208, 209, 213, 1038, 1911, 2705])
kinds('syntax', [2714, 2812, 3701, 4104, 4145, 8144, 8146, 156, 319, 336])
kinds('not-found', [911, 4060, 15151, 50404])
kinds('permission', [229, 230, 262, 297, 300, 916, 1088, 15247, 18456, 18452, 18486, 18487, 18488, 3906])
kinds('invalid-input', [241, 242, 245, 515, 547, 2601, 2627, 2628, 8114, 8115, 8134, 8152, 248, 293, 3621, 220])
kinds('timeout', [1205, 1222])
kinds('connection', [233, 596, 10053, 10054, 10060, 10061, 40613])

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECANCEL: 'cancelled',
  ETIMEOUT: 'timeout',
  ESOCKET: 'connection',
  ECONNCLOSED: 'connection',
  ENOTOPEN: 'connection',
  ELOGIN: 'connection',
  EINSTLOOKUP: 'connection',
  ETLS: 'connection',
  ENOCONN: 'connection',
  ECONNREFUSED: 'connection',
  ENOTFOUND: 'connection',
  EAI_AGAIN: 'connection',
  ECONNRESET: 'connection',
  EHOSTUNREACH: 'connection',
  ENETUNREACH: 'connection',
  ETIMEDOUT: 'timeout',
}

/** A typed SQL Server error value. */
export const mssqlError = (kind: ErrorKind, message: string, code?: string): QuarryError =>
  code === undefined ? { kind, message, engine: 'mssql' } : { kind, message, code, engine: 'mssql' }

export const mssqlFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(mssqlError(kind, message, code))

export const cancelledFailure = (): QuarryFailure => mssqlFailure('cancelled', 'Query cancelled')

const isErrorLike = (thrown: unknown): thrown is ConnectFailureLike =>
  typeof thrown === 'object' && thrown !== null && typeof (thrown as MssqlErrorLike).message === 'string'

/** The server's error number, wherever mssql put it. */
function serverNumber(error: MssqlErrorLike): number | undefined {
  const number = error.number ?? error.info?.number ?? error.originalError?.info?.number ?? error.originalError?.number
  return typeof number === 'number' ? number : undefined
}

/**
 * The socket's own code under mssql's ESOCKET (ECONNREFUSED, ENOTFOUND…). tedious tries each
 * address of the host in turn and reports an AggregateError ("Could not connect (sequence)")
 * whose `errors` hold the sockets' own.
 */
function socketCode(error: MssqlErrorLike): string | undefined {
  for (const cause of [error.cause, error.originalError?.cause]) {
    if (cause?.code) return cause.code
    const inner = cause?.errors?.find((e) => typeof e?.code === 'string')?.code
    if (inner) return inner
  }
  return undefined
}

/** The login message that says what went wrong: the first one other than the generic 18456. */
function loginReason(messages: LoginMessage[] | undefined): LoginMessage | undefined {
  return messages?.find((m) => m.number !== 18456) ?? messages?.[0]
}

function connectMessage(error: ConnectFailureLike, code: string | undefined, where: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${where}: connection refused (is SQL Server running and listening there?)`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not connect to ${where}: the host name could not be resolved`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Could not connect to ${where}: the host is unreachable`
    case 'ETIMEOUT':
      return `Could not connect to ${where}: timed out (${error.message})`
    case 'EINSTLOOKUP':
      return `Could not find the instance on ${where} through SQL Server Browser (UDP 1434): ${error.message}`
  }
  return `Could not connect to ${where}: ${error.message}`
}

/** Maps anything mssql or tedious throws to a QuarryError, keeping SQL Server's number and line. */
export function toMssqlError(thrown: unknown, context: ErrorContext = {}): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (!isErrorLike(thrown)) return mssqlError('internal', String(thrown))
  const where = context.target ?? 'the server'
  const login = loginReason(thrown.loginMessages)
  if (login) {
    if (login.number === 18456) {
      return mssqlError('permission', `${login.message} Check the user name and password.`, '18456')
    }
    const kind = login.number === 4060 ? 'connection' : (KIND_BY_NUMBER.get(login.number) ?? 'connection')
    return mssqlError(kind, `${login.message} (${where})`, String(login.number))
  }
  const number = serverNumber(thrown)
  if (number !== undefined && thrown.code !== 'ESOCKET') {
    // Severity 20 and above ends the session (KILL, fatal errors): the connection is gone.
    const severity = thrown.class ?? thrown.info?.class ?? thrown.originalError?.info?.class ?? 0
    const kind = KIND_BY_NUMBER.get(number) ?? (severity >= 20 ? 'connection' : 'internal')
    const error = mssqlError(kind, thrown.message, String(number))
    const line = thrown.lineNumber ?? thrown.info?.lineNumber ?? thrown.originalError?.info?.lineNumber
    const position = context.statement && line ? errorPosition(thrown.message, line, context.statement) : null
    return position === null ? error : { ...error, position }
  }
  const code = socketCode(thrown) ?? thrown.code
  const kind = (code && KIND_BY_CODE[code]) || (thrown.code && KIND_BY_CODE[thrown.code]) || 'internal'
  if (kind === 'cancelled') return mssqlError('cancelled', 'Query cancelled', thrown.code)
  if (context.phase !== 'connect' && (thrown.code === 'ESOCKET' || thrown.code === 'ECONNCLOSED')) {
    return mssqlError('connection', `Lost the connection to ${where}: ${thrown.message}`, code)
  }
  if (context.phase === 'connect' || thrown.code === 'ESOCKET' || thrown.code === 'EINSTLOOKUP') {
    const message = kind === 'timeout' || kind === 'connection' ? connectMessage(thrown, code, where) : thrown.message
    return mssqlError(kind, message, code)
  }
  return mssqlError(kind, thrown.message, code)
}

/** toMssqlError, as a throwable. */
export const toMssqlFailure = (thrown: unknown, context: ErrorContext = {}): QuarryFailure =>
  thrown instanceof QuarryFailure ? thrown : new QuarryFailure(toMssqlError(thrown, context))
