import type { ErrorKind, QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract/errors'

/**
 * DuckDB names each error's class at the start of its message ("Parser Error: …", "Catalog
 * Error: …"); that class is the code we keep, upper-cased with underscores (PARSER, CATALOG…).
 */
const KIND_BY_CLASS: Record<string, ErrorKind> = {
  PARSER: 'syntax',
  SYNTAX: 'syntax',
  BINDER: 'syntax',
  CATALOG: 'syntax',
  CONSTRAINT: 'invalid-input',
  CONVERSION: 'invalid-input',
  INVALID_INPUT: 'invalid-input',
  OUT_OF_RANGE: 'invalid-input',
  NOT_IMPLEMENTED: 'invalid-input',
  INVALID_TYPE: 'invalid-input',
  MISMATCH_TYPE: 'invalid-input',
  PERMISSION: 'permission',
  INTERRUPT: 'cancelled',
  IO: 'connection',
  CONNECTION: 'connection',
  HTTP: 'connection',
  TRANSACTION: 'invalid-input',
}

const CLASS_PREFIX = /^([A-Z][A-Za-z ]*?) Error: /

/** A typed DuckDB error value. */
export const duckdbError = (kind: ErrorKind, message: string, code?: string, position?: number): QuarryError => ({
  kind,
  message,
  engine: 'duckdb',
  ...(code === undefined ? {} : { code }),
  ...(position === undefined ? {} : { position }),
})

/** A throwable typed DuckDB error. */
export const duckdbFailure = (kind: ErrorKind, message: string, code?: string): QuarryFailure =>
  new QuarryFailure(duckdbError(kind, message, code))

export const cancelledError = (): QuarryError => duckdbError('cancelled', 'Query cancelled')

/**
 * Where in the statement the error is: DuckDB prints the line and a caret under it
 * ("LINE 1: SELEKT 1\n        ^"). Returns the 1-based offset into `sql`, when the line is found.
 */
function positionOf(message: string, sql: string | undefined): number | undefined {
  const found = /\nLINE (\d+): (.*)\n( *)\^/.exec(message)
  if (!found || sql === undefined) return undefined
  const lineStart = sql
    .split('\n')
    .slice(0, Number(found[1]) - 1)
    .reduce((sum, line) => sum + line.length + 1, 0)
  const column = found[3]!.length - `LINE ${found[1]}: `.length
  return column >= 0 ? lineStart + column + 1 : undefined
}

/**
 * Maps anything DuckDB (or our code) threw to a QuarryError, keeping DuckDB's error class as the
 * code. Writes refused by a read-only open arrive as "Invalid Input Error: Cannot execute
 * statement of type … in read-only mode": those are permission errors.
 */
export function toQuarryError(thrown: unknown, sql?: string): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  const prefix = CLASS_PREFIX.exec(message)
  if (!prefix) return duckdbError(/interrupted/i.test(message) ? 'cancelled' : 'internal', message)
  const code = prefix[1]!.toUpperCase().replaceAll(' ', '_')
  if (code === 'INTERRUPT') return cancelledError()
  const kind = /read-only mode|read only mode/i.test(message) ? 'permission' : (KIND_BY_CLASS[code] ?? 'internal')
  return duckdbError(kind, message, code, positionOf(message, sql))
}
