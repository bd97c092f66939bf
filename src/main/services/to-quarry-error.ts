import { QuarryFailure, isQuarryError } from '../../shared/contract'
import type { EngineId, QuarryError } from '../../shared/contract'

/** Turns anything thrown into the one error shape that may cross the boundary. */
export function toQuarryError(thrown: unknown, engine?: EngineId): QuarryError {
  if (thrown instanceof QuarryFailure) return thrown.error
  if (isQuarryError(thrown)) return thrown
  if (thrown instanceof Error && thrown.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Query cancelled', ...(engine ? { engine } : {}) }
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return { kind: 'internal', message: message || 'Unknown error', ...(engine ? { engine } : {}) }
}
