import { engineOf } from '../engines/engine-list'
import { statementWords } from './dangerous-statements'
import { rulesOf, splitStatements } from './split-statements'
import type { SqlDialect } from './split-statements'

/**
 * Whether a script holds a statement that changes what the object tree shows: one that starts
 * with one of the engine's catalog words (its descriptor's `catalogVerbs`: CREATE, DROP, RENAME…).
 * Split and lexed as the engine would, so words in strings, comments or quoted names never count.
 * A batch engine (T-SQL) runs several statements without delimiters: any catalog word at the
 * batch's top level counts there.
 */
export function changesCatalog(script: string, dialect: SqlDialect): boolean {
  const verbs = new Set(engineOf(dialect).catalogVerbs)
  if (verbs.size === 0) return false
  const batches = rulesOf(dialect).batchSeparator !== null
  return splitStatements(script, dialect).some((statement) => {
    const top = statementWords(statement.sql, dialect).filter((w) => w.depth === 0)
    return batches ? top.some((w) => verbs.has(w.word)) : verbs.has(top[0]?.word ?? '')
  })
}
