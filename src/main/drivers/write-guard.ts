import { QuarryFailure, READ_ONLY_LIFT_CODE, WRITE_REFUSED_CODE } from '../../shared/contract'
import type { EngineId } from '../../shared/contract'
import type { ReadOnlyGuard } from './driver'

/**
 * Whether statement `index` runs read-only: always on a read-only connection, and under a guard
 * except for the one statement the user confirmed.
 */
export const runsReadOnly = (readOnly: boolean, guard: ReadOnlyGuard | undefined, index: number): boolean =>
  readOnly || (guard !== undefined && guard.allowWriteAt !== index)

/**
 * The server refused a statement as a write while it ran read-only under a guard: it changed
 * nothing. Keeps the engine's own message, code aside, and position.
 */
export function writeRefused(cause: QuarryFailure, statementOffset: number): QuarryFailure {
  const { engine, message } = cause.error
  return new QuarryFailure({
    kind: 'permission',
    code: WRITE_REFUSED_CODE,
    position: statementOffset + 1,
    ...(engine ? { engine } : {}),
    message: `The server refused this statement in read-only mode, so nothing was changed (it said: ${message})`,
  })
}

/** A statement that turns (or turned) read-only mode off: refused, and never offered to run. */
export function readOnlyLift(engine: EngineId, statementOffset: number, what: string): QuarryFailure {
  return new QuarryFailure({
    kind: 'permission',
    code: READ_ONLY_LIFT_CODE,
    engine,
    position: statementOffset + 1,
    message: `${what} would turn read-only mode off: Quarry does not run it on a read-only or safe-mode connection`,
  })
}
