import { startCompletion } from '@codemirror/autocomplete'
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
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
 * Ctrl+Space.
 */
export function sqlCompletionSource(engine: EngineId, catalog: SchemaCatalog): CompletionSource {
  const dialect = ENGINE_EDITING[engine].splitter
  const words = dialectWords(engine)
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (dialect === null) return null
    await withTimeout(catalog.resolve())
    const script = context.state.doc.toString()
    let answer = completeSql(script, context.pos, dialect, catalog.snapshot(), words)
    // Missing tables first, then their columns: at most three rounds. Loading goes on when the
    // editor drops this query while waiting (it does when the tab is reconfigured as its connection
    // resolves): what arrives is asked for again below.
    let fetched = false
    for (let round = 0; round < 3 && answer.missing.length > 0; round++) {
      await withTimeout(catalog.load(answer.missing))
      fetched = true
      answer = completeSql(script, context.pos, dialect, catalog.snapshot(), words)
    }
    const typed = context.pos > answer.from
    const relationOrMember = answer.options.every((option) => option.type !== 'keyword')
    const shown = answer.options.length > 0 && (context.explicit || typed || relationOrMember)
    const view = context.view
    // Metadata may arrive after the user moved on to a button: never pop up over it then.
    if (!shown || (view && !view.hasFocus)) return null
    if (context.aborted) {
      // Dropped while fetching, the caret and text where they were: complete again, now from memory.
      if (fetched && view && view.state.doc.toString() === script && view.state.selection.main.head === context.pos)
        queueMicrotask(() => startCompletion(view))
      return null
    }
    return { from: answer.from, options: answer.options, validFor: /^[\w$\u00C0-\uFFFF]*$/ }
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
  return Promise.race([work, new Promise<undefined>((resolve) => setTimeout(resolve, METADATA_WAIT_MS))])
}
