import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract/errors'

// Duck-typed rather than `instanceof SqliteError` so main can import this file without loading
// better-sqlite3's native addon (only the host process loads it).
interface SqliteErrorLike {
  name: string
  message: string
  code: string
}

const isSqliteError = (thrown: unknown): thrown is SqliteErrorLike =>
  thrown instanceof Error && thrown.name === 'SqliteError' && typeof (thrown as SqliteErrorLike).code === 'string'

/** SQLITE_ERROR messages that mean the statement itself is wrong (SQLITE_ERROR is generic). */
const STATEMENT_PROBLEM =
  /syntax error|incomplete input|unrecognized token|no such (table|column|function|collation|index|view|module|savepoint)|ambiguous column|already exists|wrong number of arguments|misuse of|has no column named|values were supplied|values for \d+ columns/i

/** Kinds by primary result code; extended codes (SQLITE_READONLY_DBMOVED…) share their primary's. */
const KIND_BY_CODE: Record<string, ErrorKind> = {
  SQLITE_READONLY: 'permission',
  SQLITE_AUTH: 'permission',
  SQLITE_PERM: 'permission',
  SQLITE_CANTOPEN: 'connection',
  SQLITE_NOTADB: 'connection',
  SQLITE_CORRUPT: 'connection',
  SQLITE_IOERR: 'connection',
  SQLITE_BUSY: 'timeout',
  SQLITE_LOCKED: 'timeout',
  SQLITE_INTERRUPT: 'cancelled',
  SQLITE_CONSTRAINT: 'invalid-input',
  SQLITE_MISMATCH: 'invalid-input',
  SQLITE_TOOBIG: 'invalid-input',
  SQLITE_RANGE: 'invalid-input',
}

const primaryCode = (code: string): string => /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code

const kindOf = (error: SqliteErrorLike): ErrorKind => {
  const primary = primaryCode(error.code)
  if (primary === 'SQLITE_ERROR') return STATEMENT_PROBLEM.test(error.message) ? 'syntax' : 'internal'
  return KIND_BY_CODE[primary] ?? 'internal'
}

/** A typed SQLite error value. */
export const sqliteError = (kind: ErrorKind, message: string, code?: string): QuarryError =>
  code === undefined ? { kind, message, engine: 'sqlite' } : { kind, message, code, engine: 'sqlite' }

/** A throwable typed SQLite error. */
export const sqliteFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(sqliteError(kind, message, code))

export const cancelledError = (): QuarryError => sqliteError('cancelled', 'Query cancelled')

/**
 * Maps anything thrown by better-sqlite3 (or by our own code) to a QuarryError, keeping SQLite's
 * code verbatim. better-sqlite3 reports misuse (several statements, run() on a reader…) as
 * TypeError/RangeError: those are problems with the input, not with the engine.
 */
export function toQuarryError(thrown: unknown): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (isSqliteError(thrown)) return sqliteError(kindOf(thrown), thrown.message, thrown.code)
  if (thrown instanceof TypeError || thrown instanceof RangeError) {
    return sqliteError('invalid-input', thrown.message)
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return sqliteError('internal', message)
}

/** Messages that name the token at fault: `no such column: c.country`, `near "SELEKT": syntax error`… */
const NAMED_TOKEN =
  /^(?:no such (?:column|table|function|collation|index|view|module): |ambiguous column name: |table \S+ has no column named |near ")(.+?)"?(?:: syntax error)?$/

/**
 * Where the token an error names is in `sql` (1-based), for an editor to underline it: SQLite gives
 * no position, only the token's text. The first occurrence as a whole word, case-insensitively; none
 * when the text is not found (a name SQLite rewrote, a token inside a view's definition).
 */
export function namedTokenPosition(message: string, sql: string): number | undefined {
  const token = NAMED_TOKEN.exec(message)?.[1]
  if (!token) return undefined
  // Searched as text, never as a pattern built from the token: a token can be any size (a 140,000-
  // character name made a regular expression too large to compile). SQLite folds ASCII case only.
  const text = asciiLower(sql)
  const wanted = asciiLower(token)
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (!WORD.test(sql[at - 1] ?? '') && !WORD.test(sql[at + wanted.length] ?? '')) return at + 1
  }
  return undefined
}

const WORD = /^[\w$]$/
/** Lower-cased in ASCII only, so every index stays where it was. */
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (run) => run.toLowerCase())
