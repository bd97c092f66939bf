import type { EditorView } from '@codemirror/view'
import type { EngineId } from '../../../shared/contract'
import { ENGINE_EDITING } from '../../../shared/dialect/engine-editing'
import { runnableText, statementAt } from '../../../shared/dialect/statement-at'
import { formatSql } from './format-sql'

/** A piece of the editor's text to run or explain, and where it starts in the editor. */
export interface EditorText {
  sql: string
  offset: number
}

/** The selection when there is one, else the statement under the cursor (see statementAt). */
export function currentStatement(view: EditorView, engine: EngineId): EditorText | null {
  const { from, to, head } = view.state.selection.main
  if (from !== to) return { sql: view.state.sliceDoc(from, to), offset: from }
  const script = view.state.doc.toString()
  const dialect = ENGINE_EDITING[engine].splitter
  if (dialect === null) return script.trim() ? { sql: script, offset: 0 } : null
  const statement = statementAt(script, head, dialect)
  return statement && { sql: runnableText(script, statement), offset: statement.offset }
}

/** The whole script. */
export const wholeScript = (view: EditorView): EditorText => ({ sql: view.state.doc.toString(), offset: 0 })

/** Formats the selection, or the whole text; answers an error message when it cannot. */
export function formatInEditor(view: EditorView, engine: EngineId): string | null {
  const { from, to } = view.state.selection.main
  const whole = from === to
  const range = whole ? { from: 0, to: view.state.doc.length } : { from, to }
  const result = formatSql(view.state.sliceDoc(range.from, range.to), engine)
  if (!result.ok) return result.message
  view.dispatch({
    changes: { ...range, insert: result.sql },
    selection: whole
      ? { anchor: Math.min(view.state.selection.main.head, result.sql.length) }
      : { anchor: from, head: from + result.sql.length },
    userEvent: 'input.format',
  })
  return null
}
