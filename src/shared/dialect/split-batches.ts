import type { LexicalRules } from './lexical-rules'
import { readToken, sqlTokens } from './sql-lexer'
import type { ScriptStatement } from './script-statement'

/**
 * SQL Server scripts split the way SSMS and sqlcmd do: into batches at `GO` lines (the word alone
 * on its line, any case, an optional repeat count, an optional `--` comment), never inside a
 * string, a quoted identifier or a block comment (which nest in T-SQL). `GO n` runs the batch
 * before it n times (`repeat`); `GO 0` skips it.
 */
export function splitBatches(script: string, rules: LexicalRules, separator: string): ScriptStatement[] {
  const separatorLine = new RegExp(`^[ \\t]*${separator}(?:[ \\t]+(\\d+))?[ \\t]*(?:--.*)?$`, 'i')
  const out: ScriptStatement[] = []
  let start = 0
  const push = (end: number, repeat: number): void => {
    const text = script.slice(start, end)
    const sql = text.trim()
    // A batch of only comments and semicolons would do nothing but fail to parse.
    if (!sql || repeat === 0 || isOnlyComments(sql, rules)) return
    const statement: ScriptStatement = { sql, offset: start + (text.length - text.trimStart().length) }
    if (repeat !== 1) statement.repeat = repeat
    out.push(statement)
  }
  let i = 0
  let lineStart = true
  while (i < script.length) {
    if (lineStart) {
      const lineEnd = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i)
      const go = separatorLine.exec(script.slice(i, lineEnd).replace(/\r$/, ''))
      if (go) {
        push(i, go[1] === undefined ? 1 : Math.min(Number(go[1]), MAX_GO_REPEAT))
        i = start = Math.min(lineEnd + 1, script.length)
        continue
      }
    }
    i = readToken(script, i, rules).end
    lineStart = script[i - 1] === '\n'
  }
  push(script.length, 1)
  return out
}

/** Only (closed) comments and blanks, with at most one `;`. */
function isOnlyComments(sql: string, rules: LexicalRules): boolean {
  let semicolons = 0
  for (const token of sqlTokens(sql, rules)) {
    // An unclosed comment is passed on, so the engine reports it in its own words.
    if (token.kind === 'space' || (token.kind === 'comment' && token.closed)) continue
    if (token.kind === 'punct' && sql[token.start] === ';' && semicolons++ === 0) continue
    return false
  }
  return true
}

/** The largest `GO n` count honoured (sqlcmd's own limit is 2^31 − 1; beyond this it is a typo). */
export const MAX_GO_REPEAT = 1_000_000
