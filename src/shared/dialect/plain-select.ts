import { rulesOf } from './split-statements'
import type { SqlDialect } from './split-statements'
import { sqlTokens } from './sql-lexer'

/** Words that make a SELECT more than a read: it writes (INTO), locks (FOR UPDATE, LOCK IN SHARE MODE). */
const NOT_PLAIN = new Set(['into', 'for', 'lock'])

/** Calls a SELECT may make and still be a plain read (any other function may have side effects). */
const PURE_CALLS = new Set(
  [
    'in exists any all some cast coalesce nullif count sum avg min max lower upper length',
    'substr substring trim abs round concat',
  ]
    .join(' ')
    .split(' '),
)

/**
 * Whether a statement is a plain SELECT that can be run again without side effects: it starts
 * with SELECT, writes nothing (no INTO), locks nothing (no FOR UPDATE / LOCK), sets no variables
 * and calls no function beyond a few pure ones (any other could write, or draw from a sequence).
 * Lexed as the engine reads it, so words in strings, comments and quoted names do not count.
 */
export function isPlainSelect(sql: string, dialect: SqlDialect): boolean {
  const tokens = [...sqlTokens(sql, rulesOf(dialect))].filter((t) => t.kind !== 'space' && t.kind !== 'comment')
  const text = (i: number) => {
    const token = tokens[i]
    return token ? sql.slice(token.start, token.end).toLowerCase() : ''
  }
  if (tokens[0]?.kind !== 'word' || text(0) !== 'select') return false
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'variable') return false
    if (token.kind === 'punct' && text(i) === ';' && i !== tokens.length - 1) return false
    if (token.kind !== 'word') continue
    const word = text(i)
    if (NOT_PLAIN.has(word)) return false
    if (text(i + 1) === '(' && !PURE_CALLS.has(word)) return false
  }
  return true
}
