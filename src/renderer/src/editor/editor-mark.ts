import type { QuarryError } from '../../../shared/contract'
import type { ResultSet } from '../query/result-set'

/** A range of the editor's text to mark, with why; `line`/`column` (1-based) when the editor's text was given. */
export interface EditorMark {
  from: number
  to: number
  message: string
  line?: number
  column?: number
}

/** Characters of the token an engine's position points at: a name, a qualified name, a number or a quoted name. */
const TOKEN = /^(?:[\w$]+|"[^"]*"|`[^`]*`|\[[^\]]*\])(?:\.(?:[\w$]+|"[^"]*"|`[^`]*`|\[[^\]]*\]))*/

/**
 * Where an error points in the editor: the engine's position (1-based in the text that was run)
 * when it gives one, else the whole statement that failed. `runOffset` is where that text starts
 * in the editor (a selection may have been run). With the editor's `doc`, a position marks the
 * whole token there (`c.country`, not its first letter) and gets its line and column.
 */
export function errorMark(
  error: QuarryError,
  failed: ResultSet | undefined,
  runOffset: number,
  doc?: string,
): EditorMark | null {
  if (error.kind === 'cancelled') return null
  if (error.position !== undefined && error.position > 0) {
    const from = runOffset + error.position - 1
    if (doc === undefined) return { from, to: from + 1, message: error.message }
    const token = TOKEN.exec(doc.slice(from, from + 500))?.[0].length ?? 0
    return { from, to: from + Math.max(token, 1), message: error.message, ...lineColumn(doc, from) }
  }
  if (!failed) return null
  const from = runOffset + failed.offset
  return { from, to: from + failed.sql.length, message: error.message }
}

/** 1-based line and column of an offset in a text. */
export function lineColumn(doc: string, offset: number): { line: number; column: number } {
  const before = doc.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: offset - lineStart + 1 }
}
