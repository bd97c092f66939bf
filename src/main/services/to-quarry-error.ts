import { QuarryFailure, isQuarryError } from '../../shared/contract'
import type { EngineId, QuarryError } from '../../shared/contract'

/** The longest error message sent on: an engine that quotes the input back (SQLite's `no such column: …`) is cut. */
export const MESSAGE_LIMIT = 2_000

/** Turns anything thrown into the one error shape that may cross the boundary. */
export function toQuarryError(thrown: unknown, engine?: EngineId): QuarryError {
  if (thrown instanceof QuarryFailure) return shortened(thrown.error)
  if (isQuarryError(thrown)) return shortened(thrown)
  if (thrown instanceof Error && thrown.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Query cancelled', ...(engine ? { engine } : {}) }
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return shortened({ kind: 'internal', message: message || 'Unknown error', ...(engine ? { engine } : {}) })
}

/** The error with its message cut to MESSAGE_LIMIT characters, saying how long it was. */
function shortened(error: QuarryError): QuarryError {
  const { message } = error
  if (message.length <= MESSAGE_LIMIT) return error
  const note = `… (${message.length.toLocaleString('en-US')} characters in all)`
  return { ...error, message: message.slice(0, MESSAGE_LIMIT - note.length) + note }
}
