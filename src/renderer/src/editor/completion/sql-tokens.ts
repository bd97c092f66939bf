import type { LexicalRules } from '../../../../shared/dialect/lexical-rules'
import { sqlTokens } from '../../../../shared/dialect/sql-lexer'

/** A lexical token of SQL, enough for completion: words, quoted names, punctuation. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'punct' | 'string' | 'number'
  /** The name for words and quoted identifiers (quotes removed), else the text. */
  text: string
  start: number
  end: number
}

/**
 * Tokenises SQL up to `end` with the engine's lexer (src/shared/dialect/sql-lexer), skipping
 * comments and string contents. `open` tells whether `end` falls inside a string or comment (no
 * completion there).
 */
export function tokenize(sql: string, rules: LexicalRules, end = sql.length): { tokens: SqlToken[]; open: boolean } {
  const tokens: SqlToken[] = []
  for (const token of sqlTokens(sql, rules)) {
    const { start } = token
    if (start >= end) break
    if (token.kind === 'space') continue
    if (token.kind === 'comment') {
      // A line comment runs to its line's end, where the cursor is still inside it.
      const lineComment = !sql.startsWith('/*', start)
      if (lineComment ? end <= token.end : !token.closed || end < token.end) return { tokens, open: true }
    } else if (token.kind === 'string') {
      if (!token.closed || end < token.end) return { tokens, open: true }
      tokens.push({ kind: 'string', text: sql.slice(start, token.end), start, end: token.end })
    } else if (token.kind === 'quoted') {
      // An identifier being typed in quotes: complete its name.
      const whole = token.closed && token.end <= end
      const nameEnd = token.closed ? Math.min(token.end - 1, end) : end
      tokens.push({ kind: 'quoted', text: sql.slice(start + 1, nameEnd), start, end: whole ? token.end : end })
    } else if (token.kind === 'word') {
      // A word the cursor is inside counts up to the cursor: that is the prefix being completed.
      const stop = Math.min(token.end, end)
      tokens.push({ kind: 'word', text: sql.slice(start, stop), start, end: stop })
    } else if (token.kind === 'variable') {
      // `@name`: its sign, then the name (as completion always read it).
      tokens.push({ kind: 'punct', text: sql[start]!, start, end: start + 1 })
      const stop = Math.min(token.end, end)
      tokens.push({ kind: 'word', text: sql.slice(start + 1, stop), start: start + 1, end: stop })
    } else {
      const kind = token.kind === 'number' ? 'number' : 'punct'
      tokens.push({ kind, text: sql.slice(start, token.end), start, end: token.end })
    }
  }
  return { tokens, open: false }
}
