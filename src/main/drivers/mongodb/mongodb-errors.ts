import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import { ShellSyntaxError } from '../../../shared/mongo-shell/shell-value'

/** The fields of a mongodb driver error this module reads (server errors carry code and codeName). */
export interface MongoErrorLike {
  name: string
  message: string
  code?: number | string
  codeName?: string
  cause?: unknown
}

/** Where an error happened: connecting (to name the server) or running a statement of a script. */
export interface MongoErrorContext {
  phase?: 'connect' | 'query'
  /** host:port, for connection messages. */
  target?: string
  /** 0-based offset of the failing statement in the script, to move parser positions. */
  statementOffset?: number
}

/** Server error codes by kind (src/mongo/base/error_codes.yml). Others are internal. */
const KIND_BY_CODE: Record<number, ErrorKind> = {}
const kinds = (kind: ErrorKind, codes: number[]) => codes.forEach((code) => (KIND_BY_CODE[code] = kind))
// The query cannot run as written: bad operators, stages, values, types.
kinds('syntax', [2, 9, 14, 15, 16, 17, 20, 28, 40, 72, 168, 224, 241, 15952, 15955, 15973, 15974, 15976, 15981])
kinds('syntax', [16410, 16436, 16883, 17276, 17287, 28667, 28769, 31249, 31253, 31254, 40323, 40324, 40352, 51075])
kinds('not-found', [26, 27, 43])
kinds('permission', [13, 18, 31, 33, 11, 8000])
kinds('timeout', [50, 202, 262])
// Interrupted or killed by someone else (killOp, killSessions, shutdown): a user's own cancel is
// recognised before this, by the query's stop latch.
kinds('connection', [11601, 237])
kinds('connection', [6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436])

/** Driver error classes (no server code) by kind. */
const KIND_BY_NAME: Record<string, ErrorKind> = {
  MongoServerSelectionError: 'connection',
  MongoNetworkError: 'connection',
  MongoNetworkTimeoutError: 'timeout',
  MongoTopologyClosedError: 'connection',
  MongoNotConnectedError: 'connection',
  MongoClientClosedError: 'connection',
  MongoServerClosedError: 'connection',
  MongoParseError: 'invalid-input',
  MongoInvalidArgumentError: 'invalid-input',
  MongoMissingCredentialsError: 'invalid-input',
  MongoOperationTimeoutError: 'timeout',
  AbortError: 'cancelled',
}

export const mongoError = (kind: ErrorKind, message: string, code?: string): QuarryError =>
  code === undefined ? { kind, message, engine: 'mongodb' } : { kind, message, code, engine: 'mongodb' }

export const mongoFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(mongoError(kind, message, code))

export const cancelledFailure = (): QuarryFailure => mongoFailure('cancelled', 'Query cancelled')

const isErrorLike = (thrown: unknown): thrown is MongoErrorLike =>
  typeof thrown === 'object' &&
  thrown !== null &&
  typeof (thrown as MongoErrorLike).message === 'string' &&
  typeof (thrown as MongoErrorLike).name === 'string'

/** The socket error code (ECONNREFUSED…) inside a driver error's message or causes, if any. */
function socketCode(error: MongoErrorLike): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && isErrorLike(current); depth++) {
    if (typeof current.code === 'string' && /^E[A-Z_]{3,}$/.test(current.code)) return current.code
    const found = /\b(E(?:CONNREFUSED|CONNRESET|NOTFOUND|AI_AGAIN|TIMEDOUT|HOSTUNREACH|NETUNREACH|PIPE))\b/.exec(
      current.message,
    )?.[1]
    if (found) return found
    current = current.cause
  }
  return undefined
}

/** Maps anything the mongodb driver (or the shell parser) throws to a QuarryError. */
export function toMongoError(thrown: unknown, context: MongoErrorContext = {}): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (thrown instanceof ShellSyntaxError) {
    return {
      ...mongoError('syntax', thrown.message, 'ShellSyntax'),
      position: thrown.position + (context.statementOffset ?? 0),
    }
  }
  if (!isErrorLike(thrown)) return mongoError('internal', String(thrown))
  const where = context.target ?? 'the server'
  if (typeof thrown.code === 'number') {
    const kind = KIND_BY_CODE[thrown.code] ?? 'internal'
    const code = thrown.codeName ? `${thrown.codeName} (${thrown.code})` : String(thrown.code)
    if (thrown.code === 18)
      return mongoError(
        'permission',
        `${thrown.message} on ${where}: check the user name, password and auth database`,
        code,
      )
    if (thrown.code === 11601 || thrown.code === 237)
      return mongoError(
        kind,
        `The operation was killed on the server (killOp, killSessions or a shutdown): ${thrown.message}`,
        code,
      )
    return mongoError(kind, thrown.message, code)
  }
  const socket = socketCode(thrown)
  let kind = KIND_BY_NAME[thrown.name] ?? (socket ? 'connection' : 'internal')
  if (socket === 'ETIMEDOUT') kind = 'timeout'
  if (/certificate|self.signed|SSL|TLS/i.test(thrown.message) && kind === 'internal') kind = 'connection'
  let message = thrown.message
  if (thrown.name === 'MongoServerSelectionError' && !socket)
    message = `Could not reach a MongoDB server at ${where}: ${thrown.message}`
  return mongoError(kind, message, socket ?? thrown.name)
}

export const toMongoFailure = (thrown: unknown, context: MongoErrorContext = {}): QuarryFailure =>
  thrown instanceof QuarryFailure ? thrown : new QuarryFailure(toMongoError(thrown, context))
