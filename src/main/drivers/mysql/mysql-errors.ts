import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import { errorPosition } from './mysql-error-position'
import type { ServerFlavor } from './mysql-flavor'

/** The fields of a mysql2 error this module reads (server errors carry errno; socket errors only code). */
export interface MysqlErrorLike {
  message: string
  code?: string
  errno?: number
  sqlMessage?: string
  fatal?: boolean
}

/** Where an error happened, for its kind, message and position. */
export interface ErrorContext {
  flavor?: ServerFlavor
  /** Connecting: an unknown database or a timeout is about reaching the server. */
  phase?: 'connect' | 'query'
  /** host:port, for connection messages. */
  target?: string
  /** The failing statement and its 0-based offset in the script, to place `near '…'`. */
  statement?: { sql: string; offset: number }
}

const KIND_BY_ERRNO: Record<number, ErrorKind> = {}
const kinds = (kind: ErrorKind, errnos: number[]) => errnos.forEach((errno) => (KIND_BY_ERRNO[errno] = kind))
// Statements that cannot run as written: bad SQL, unknown objects, duplicates in DDL.
kinds('syntax', [1007, 1008, 1046, 1050, 1051, 1052, 1054, 1055, 1060, 1061, 1064, 1065, 1072, 1075, 1091, 1096])
kinds('syntax', [1109, 1110, 1128, 1136, 1146, 1149, 1222, 1247, 1248, 1305, 1630, 3065])
kinds('not-found', [1049])
kinds('permission', [1044, 1045, 1095, 1130, 1141, 1142, 1143, 1227, 1370, 1698, 1290, 1792])
kinds('connection', [1040, 1053, 1152, 1153, 1158, 1159, 1160, 1161, 1184, 2006, 2013])
kinds('cancelled', [1317])
kinds('timeout', [1205, 1213, 3024])
kinds('invalid-input', [1048, 1062, 1216, 1217, 1263, 1264, 1292, 1365, 1366, 1406, 1451, 1452, 1690, 3140, 3819])

/** MariaDB numbers errors from 1900 and 4000 on its own: mysql2's names there are MySQL's. */
const MARIADB_ERRORS: Record<number, [string, ErrorKind]> = {
  1927: ['ER_CONNECTION_KILLED', 'connection'],
  1969: ['ER_STATEMENT_TIMEOUT', 'timeout'],
  4025: ['ER_CONSTRAINT_FAILED', 'invalid-input'],
}
const isMariadbRange = (errno: number) => (errno >= 1900 && errno < 3000) || errno >= 4000

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: 'connection',
  ENOTFOUND: 'connection',
  EAI_AGAIN: 'connection',
  ECONNRESET: 'connection',
  EPIPE: 'connection',
  EHOSTUNREACH: 'connection',
  ENETUNREACH: 'connection',
  PROTOCOL_CONNECTION_LOST: 'connection',
  HANDSHAKE_NO_SSL_SUPPORT: 'connection',
  HANDSHAKE_SSL_ERROR: 'connection',
  ETIMEDOUT: 'timeout',
  PROTOCOL_SEQUENCE_TIMEOUT: 'timeout',
}

/** A typed MySQL error value. */
export const mysqlError = (kind: ErrorKind, message: string, code?: string): QuarryError =>
  code === undefined ? { kind, message, engine: 'mysql' } : { kind, message, code, engine: 'mysql' }

/** A throwable typed MySQL error. */
export const mysqlFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(mysqlError(kind, message, code))

export const cancelledFailure = (): QuarryFailure => mysqlFailure('cancelled', 'Query cancelled')

const isErrorLike = (thrown: unknown): thrown is MysqlErrorLike =>
  typeof thrown === 'object' && thrown !== null && typeof (thrown as MysqlErrorLike).message === 'string'

/** The engine's code as shown to the user: `ER_NAME (errno)`, or the client's code (ECONNREFUSED…). */
function codeOf(error: MysqlErrorLike, flavor: ServerFlavor | undefined): string | undefined {
  if (error.errno === undefined || !error.sqlMessage) return error.code
  const mariadb = flavor === 'mariadb' && isMariadbRange(error.errno)
  const name = mariadb ? MARIADB_ERRORS[error.errno]?.[0] : error.code
  return name ? `${name} (${error.errno})` : String(error.errno)
}

function kindOf(error: MysqlErrorLike, context: ErrorContext): ErrorKind {
  const { errno } = error
  if (errno !== undefined && error.sqlMessage) {
    if (errno === 1049 && context.phase === 'connect') return 'connection'
    if (context.flavor === 'mariadb' && isMariadbRange(errno)) return MARIADB_ERRORS[errno]?.[1] ?? 'internal'
    return KIND_BY_ERRNO[errno] ?? 'internal'
  }
  const byCode = error.code ? KIND_BY_CODE[error.code] : undefined
  if (byCode) return byCode
  if (error.code?.startsWith('ERR_TLS') || /certificate|self.signed/i.test(error.message)) return 'connection'
  return error.fatal ? 'connection' : 'internal'
}

/** Rewords the messages a user meets when connecting, naming what to check. */
function messageOf(error: MysqlErrorLike, kind: ErrorKind, context: ErrorContext): string {
  const where = context.target ?? 'the server'
  switch (error.code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${where}: connection refused (is the server running and listening there?)`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not connect to ${where}: the host name could not be resolved`
    case 'ETIMEDOUT':
      if (context.phase === 'connect') return `Could not connect to ${where}: timed out`
      break
    case 'HANDSHAKE_NO_SSL_SUPPORT':
      return `${where} does not support TLS, but the connection's SSL mode requires it`
    case 'PROTOCOL_CONNECTION_LOST':
      return `Lost the connection to ${where}`
  }
  if (error.errno === 1045) return `${error.sqlMessage}: check the user name and password`
  if (error.errno === 1049 && context.phase === 'connect') return `${error.sqlMessage} on ${where}`
  if (kind === 'connection' && error.code?.startsWith('ERR_TLS')) return `TLS failure with ${where}: ${error.message}`
  return error.sqlMessage ?? error.message
}

/** Maps anything mysql2 (or this driver) throws to a QuarryError, keeping MySQL's code and position. */
export function toMysqlError(thrown: unknown, context: ErrorContext = {}): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (!isErrorLike(thrown)) return mysqlError('internal', String(thrown))
  const kind = kindOf(thrown, context)
  const error = mysqlError(kind, messageOf(thrown, kind, context), codeOf(thrown, context.flavor))
  const position = context.statement && thrown.sqlMessage ? errorPosition(thrown.sqlMessage, context.statement) : null
  return position === null ? error : { ...error, position }
}

/** toMysqlError, as a throwable. */
export const toMysqlFailure = (thrown: unknown, context: ErrorContext = {}): QuarryFailure =>
  thrown instanceof QuarryFailure ? thrown : new QuarryFailure(toMysqlError(thrown, context))
