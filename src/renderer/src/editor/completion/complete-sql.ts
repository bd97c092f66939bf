import { rulesOf, splitStatements } from '../../../../shared/dialect/split-statements'
import type { SqlDialect } from '../../../../shared/dialect/split-statements'
import { completionContext } from './completion-context'
import type { CatalogSnapshot, CompletionAnswer } from './completion-options'
import { completionOptions } from './completion-options'

/** Completion at `cursor` of a script: where the replaced word starts, and what to offer. Pure. */
export function completeSql(
  script: string,
  cursor: number,
  dialect: SqlDialect,
  catalog: CatalogSnapshot,
  words: { keywords: readonly string[]; functions: readonly string[] },
): CompletionAnswer & { from: number } {
  // The statement under the cursor runs from the start of the last statement that begins at or
  // before it to the start of the next one (so tables named after the cursor count too).
  const statements = splitStatements(script, dialect)
  let start = 0
  let end = script.length
  for (const statement of statements) {
    if (statement.offset <= cursor) start = statement.offset
    else {
      end = statement.offset
      break
    }
  }
  const text = script.slice(start, end)
  const local = cursor - start
  // Text after a `;` before the cursor belongs to a new statement not yet split out (it is empty).
  const cut = lastDelimiter(text, local)
  const { context, tables } = completionContext(text.slice(cut), local - cut, rulesOf(dialect))
  const answer = completionOptions(context, tables, catalog, words)
  return { ...answer, from: context.kind === 'none' ? cursor : start + cut + context.from }
}

function lastDelimiter(text: string, cursor: number): number {
  const at = text.lastIndexOf(';', cursor - 1)
  // Only a delimiter when nothing but blanks follows it up to the cursor (else it is in a string).
  return at >= 0 && text.slice(at + 1, cursor).trim() === '' ? at + 1 : 0
}
