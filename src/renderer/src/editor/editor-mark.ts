import type { QuarryError } from '../../../shared/contract'
import type { ResultSet } from '../query/result-set'

/** A range of the editor's text to mark, with why. */
export interface EditorMark {
  from: number
  to: number
  message: string
}

/**
 * Where an error points in the editor: the engine's position (1-based in the text that was run)
 * when it gives one, else the whole statement that failed. `runOffset` is where that text starts
 * in the editor (a selection may have been run).
 */
export function errorMark(error: QuarryError, failed: ResultSet | undefined, runOffset: number): EditorMark | null {
  if (error.kind === 'cancelled') return null
  if (error.position !== undefined && error.position > 0) {
    const from = runOffset + error.position - 1
    return { from, to: from + 1, message: error.message }
  }
  if (!failed) return null
  const from = runOffset + failed.offset
  return { from, to: from + failed.sql.length, message: error.message }
}
