import { startCompletion } from '@codemirror/autocomplete'
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
import type { EditorView } from '@codemirror/view'
import type { EngineId } from '../../../../shared/contract'
import { ENGINE_EDITING } from '../../../../shared/dialect/engine-editing'
import { completeSql } from './complete-sql'
import type { SchemaCatalog } from './schema-catalog'
import { dialectWords } from './sql-words'

/** How long completion waits for metadata it lacks before offering what it has. */
const METADATA_WAIT_MS = 2_000

/**
 * CodeMirror's completion source over the pure completeSql: computes at once, and when metadata
 * is missing, fetches it (CodeMirror keeps typing responsive while a source is pending), then
 * completes again. Pops up by itself after FROM/JOIN and `name.`; elsewhere on a typed word or
 * Ctrl+Space. Metadata that arrives after the wait, or after the editor dropped the query, opens
 * the list again if the caret and text are where they were.
 */
export function sqlCompletionSource(engine: EngineId, catalog: SchemaCatalog): CompletionSource {
  const dialect = ENGINE_EDITING[engine].splitter
  const words = dialectWords(engine)
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (dialect === null) return null
    const late: Promise<unknown>[] = []
    const wait = <T>(work: Promise<T>): Promise<unknown> => withTimeout(work, () => late.push(work))
    await wait(catalog.resolve())
    const script = context.state.doc.toString()
    let answer = completeSql(script, context.pos, dialect, catalog.snapshot(), words)
    // Missing tables first, then their columns: at most three rounds.
    let fetched = false
    for (let round = 0; round < 3 && answer.missing.length > 0; round++) {
      await wait(catalog.load(answer.missing))
      fetched = true
      answer = completeSql(script, context.pos, dialect, catalog.snapshot(), words)
    }
    const view = context.view
    // Loading goes on when the wait ended first or the editor dropped this query (it does when the
    // tab is reconfigured as its connection resolves): what arrives is asked for again.
    if (view && late.length > 0) void Promise.all(late).then(() => askAgain(view, script, context.pos))
    const typed = context.pos > answer.from
    const relationOrMember = answer.options.every((option) => option.type !== 'keyword')
    const shown = answer.options.length > 0 && (context.explicit || typed || relationOrMember)
    // Metadata may arrive after the user moved on to a button: never pop up over it then.
    if (!shown || (view && !view.hasFocus)) return null
    if (context.aborted) {
      if (fetched && view && late.length === 0) queueMicrotask(() => askAgain(view, script, context.pos))
      return null
    }
    return { from: answer.from, options: answer.options, validFor: /^[\w$\u00C0-\uFFFF]*$/ }
  }
}

/** Completes again, now from memory, when nothing moved since the query that fetched. */
function askAgain(view: EditorView, script: string, pos: number): void {
  if (view.hasFocus && view.state.doc.toString() === script && view.state.selection.main.head === pos)
    startCompletion(view)
}

function withTimeout<T>(work: Promise<T>, onTimeout: () => void): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => (onTimeout(), resolve(undefined)), METADATA_WAIT_MS)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
