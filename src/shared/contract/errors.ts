import type { EngineId } from './model'

/** What went wrong, as a category the UI can act on. */
export type ErrorKind =
  'cancelled' | 'connection' | 'syntax' | 'permission' | 'timeout' | 'invalid-input' | 'not-found' | 'internal'

/** The one error shape that crosses every process boundary. */
export interface QuarryError {
  kind: ErrorKind
  message: string
  /** The engine's own code (SQLITE_ERROR, 42P01, ER_PARSE_ERROR…), kept verbatim. */
  code?: string
  /** 1-based character offset into the statement, when the engine reports one. */
  position?: number
  engine?: EngineId
  /** Path of the offending field, for invalid-input errors. */
  path?: string
}

/** Errors are values at the boundary: every call answers with one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: QuarryError }

/** Thrown inside a process to carry a typed error up to the boundary. */
export class QuarryFailure extends Error {
  constructor(readonly error: QuarryError) {
    super(error.message)
    this.name = 'QuarryFailure'
  }
}

export const isQuarryError = (value: unknown): value is QuarryError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as QuarryError).kind === 'string' &&
  typeof (value as QuarryError).message === 'string'

/**
 * The code of a statement the server refused as a write while it ran read-only for safe mode (or
 * an export, or EXPLAIN ANALYZE): it changed nothing. Safe mode offers to run it read-write.
 */
export const WRITE_REFUSED_CODE = 'QUARRY_WRITE_REFUSED'

/** The code of a statement that would turn read-only mode off: refused, never offered to run. */
export const READ_ONLY_LIFT_CODE = 'QUARRY_READ_ONLY_LIFT'
