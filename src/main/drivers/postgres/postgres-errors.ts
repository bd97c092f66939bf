import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract/errors'

/** The fields of a server ErrorResponse the driver reads (pg's DatabaseError). */
interface ServerErrorLike {
  message: string
  code: string
  severity?: string
  detail?: string
  hint?: string
  position?: string
}

/** A socket or DNS error from Node (ECONNREFUSED…). */
interface SystemErrorLike {
  message: string
  code: string
  syscall?: string
}

const SQLSTATE = /^[0-9A-Z]{5}$/

/** An ErrorResponse from the server: pg gives it a five-character SQLSTATE and a severity. */
export function isServerError(thrown: unknown): thrown is ServerErrorLike {
  const { code, severity } = (thrown ?? {}) as Partial<ServerErrorLike>
  return thrown instanceof Error && typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string'
}

export const isSystemError = (thrown: unknown): thrown is SystemErrorLike =>
  thrown instanceof Error && typeof (thrown as Partial<SystemErrorLike>).code === 'string' && !isServerError(thrown)

/** Kinds by exact SQLSTATE, then by class (the first two characters). */
const KIND_BY_CODE: Record<string, ErrorKind> = {
  '42501': 'permission', // insufficient_privilege
  '25006': 'permission', // read_only_sql_transaction: a read-only connection refused a write
  '57014': 'cancelled', // query_canceled (a statement_timeout is recognised by its message)
  '3D000': 'not-found', // invalid_catalog_name: no such database
  '3F000': 'syntax', // invalid_schema_name, like an undefined table
  '55P03': 'timeout', // lock_not_available (lock_timeout, NOWAIT)
  '25P03': 'timeout', // idle_in_transaction_session_timeout
  '57P01': 'connection', // admin_shutdown (pg_terminate_backend)
  '57P02': 'connection', // crash_shutdown
  '57P03': 'connection', // cannot_connect_now (starting up, shutting down)
  '57P05': 'connection', // idle_session_timeout
}
const KIND_BY_CLASS: Record<string, ErrorKind> = {
  '08': 'connection',
  '28': 'permission',
  '42': 'syntax',
  '53': 'connection', // insufficient resources: too many connections, out of memory or disk
  '22': 'invalid-input',
  '23': 'invalid-input',
  '25': 'invalid-input',
  '0A': 'invalid-input',
  '54': 'invalid-input',
}

/** The kind of a server error by its SQLSTATE. */
export function kindOfSqlState(code: string, message = ''): ErrorKind {
  if (code === '57014' && /statement timeout/i.test(message)) return 'timeout'
  // The server reports our refusal to feed COPY FROM STDIN as a cancel.
  if (code === '57014' && /^COPY from stdin failed/i.test(message)) return 'invalid-input'
  return KIND_BY_CODE[code] ?? KIND_BY_CLASS[code.slice(0, 2)] ?? 'internal'
}

/** A typed PostgreSQL error value. */
export const pgError = (kind: ErrorKind, message: string, code?: string, position?: number): QuarryError => ({
  kind,
  message,
  ...(code === undefined ? {} : { code }),
  ...(position === undefined ? {} : { position }),
  engine: 'postgres',
})

/** A throwable typed PostgreSQL error. */
export const pgFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(pgError(kind, message, code))

export const cancelledFailure = (): QuarryFailure => pgFailure('cancelled', 'Query cancelled')

/** psql's layout: the message, then DETAIL and HINT lines when the server sent them. */
function serverMessage(error: ServerErrorLike): string {
  let text = error.message
  if (error.detail) text += `\nDETAIL: ${error.detail}`
  if (error.hint) text += `\nHINT: ${error.hint}`
  return text
}

/** Where a failure happened: the statement's offset in its script, for 1-based script positions. */
export interface ErrorContext {
  statementOffset?: number
}

/**
 * Maps anything thrown while talking to the server to a QuarryError, keeping the SQLSTATE and the
 * position (the server's 1-based character position in the statement, moved to the whole script).
 */
export function toQuarryError(thrown: unknown, context: ErrorContext = {}): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (isServerError(thrown)) {
    const position = thrown.position ? Number(thrown.position) + (context.statementOffset ?? 0) : undefined
    return pgError(kindOfSqlState(thrown.code, thrown.message), serverMessage(thrown), thrown.code, position)
  }
  if (isSystemError(thrown)) {
    // A socket reset on a session that was working: the server went away (killed, restarted, a
    // proxy dropped it). Say so, rather than a bare "read ECONNRESET".
    const lost = LOST_SOCKET_CODES.has(thrown.code)
    const message = lost ? `The connection to the server was lost (${thrown.message})` : thrown.message
    return pgError(systemKind(thrown.code), message, thrown.code)
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  if (/Connection terminated|not queryable|Client was closed/i.test(message)) {
    return pgError('connection', `The connection to the server was lost (${message})`)
  }
  return pgError('internal', message || 'Unknown error')
}

const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

const systemKind = (code: string): ErrorKind => (code === 'ETIMEDOUT' ? 'timeout' : 'connection')

/** Throws `thrown` again as a QuarryFailure. */
export const asFailure = (thrown: unknown, context?: ErrorContext): QuarryFailure =>
  thrown instanceof QuarryFailure ? thrown : new QuarryFailure(toQuarryError(thrown, context))
