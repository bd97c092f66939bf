import { lexicalRulesOf } from '../engines/engine-list'
import type { SqlEngineId } from '../engines/engine-list'
import type { LexicalRules } from './lexical-rules'
import { readToken, sqlTokens } from './sql-lexer'

/** SQL dialects whose lexical rules the splitter knows: the engines whose queries are SQL. */
export type SqlDialect = SqlEngineId

/** One statement of a script: its text (no trailing delimiter) and where it starts in the script. */
export interface ScriptStatement {
  sql: string
  /** 0-based offset of the statement's first character in the script. */
  offset: number
  /** SQL Server `GO n`: run this batch n times (absent: once). */
  repeat?: number
}

const BLOCK_OPENERS =
  /^\s*create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:definer\s*=\s*\S+\s+)?(trigger|procedure|function|event)\b/i

/** The lexical rules of a SQL dialect (every SqlDialect has them). */
export const rulesOf = (dialect: SqlDialect): LexicalRules => lexicalRulesOf(dialect)!

/**
 * Splits a script into statements the way the engine's own client does: semicolons outside
 * strings, quoted identifiers and comments; PostgreSQL dollar quotes and E'' strings; MySQL
 * backslash escapes, # comments and DELIMITER lines; BEGIN…END bodies of triggers and routines;
 * SQL Server GO lines (batches, not statements). The engine's lexical rules say which apply.
 */
export function splitStatements(script: string, dialect: SqlDialect): ScriptStatement[] {
  const rules = rulesOf(dialect)
  if (rules.batchSeparator) return splitBatches(script, rules, rules.batchSeparator)
  const out: ScriptStatement[] = []
  let delimiter = ';'
  let start = 0
  let depth = 0 // BEGIN…END nesting inside a trigger or routine body
  let block: boolean | null = null // does this statement create a trigger or routine? (decided early)
  let words = 0
  let i = 0
  const push = (end: number): void => {
    block = null
    words = 0
    const text = script.slice(start, end)
    const lead = text.length - text.trimStart().length
    const sql = text.trim()
    if (sql && !isOnlyComments(sql, rules)) out.push({ sql, offset: start + lead })
  }
  while (i < script.length) {
    if (rules.delimiterCommand && atLineStart(script, i) && /^delimiter\s/i.test(script.slice(i, i + 10))) {
      const lineEnd = endOfLine(script, i)
      push(i)
      delimiter = script.slice(i + 9, lineEnd).trim() || ';'
      i = start = lineEnd
      continue
    }
    const token = readToken(script, i, rules)
    if (token.kind === 'word') {
      const lower = script.slice(token.start, token.end).toLowerCase()
      words++
      if (block === null && (words > 8 || (words === 1 && lower !== 'create'))) block = false
      if (block === null && BLOCK_OPENERS.test(script.slice(start, token.end))) block = true
      if (block && delimiter === ';') {
        if (lower === 'begin' || (lower === 'case' && depth > 0)) depth++
        else if (lower === 'end' && depth > 0 && !closesUncounted(script, token.end)) depth--
      }
      i = token.end
    } else if (DELIMITABLE.has(token.kind) && depth === 0 && script.startsWith(delimiter, i)) {
      push(i)
      i += delimiter.length
      start = i
    } else {
      i = token.end
    }
  }
  push(script.length)
  return out
}

/** Tokens a statement delimiter can start at (never inside a string, comment, name or word). */
const DELIMITABLE = new Set(['punct', 'number', 'variable'])

/** `END IF`, `END LOOP`… close constructs whose openers are not counted (only BEGIN and CASE are). */
function closesUncounted(s: string, from: number): boolean {
  return /^\s+(if|loop|while|repeat)\b/i.test(s.slice(from, from + 20))
}

/**
 * SQL Server scripts split the way SSMS and sqlcmd do: into batches at `GO` lines (the word alone
 * on its line, any case, an optional repeat count, an optional `--` comment), never inside a
 * string, a quoted identifier or a block comment (which nest in T-SQL). `GO n` runs the batch
 * before it n times (`repeat`); `GO 0` skips it.
 */
function splitBatches(script: string, rules: LexicalRules, separator: string): ScriptStatement[] {
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

/** The largest `GO n` count honoured (sqlcmd's own limit is 2^31 − 1; beyond this it is a typo). */
export const MAX_GO_REPEAT = 1_000_000

const atLineStart = (s: string, i: number): boolean => i === 0 || /\n[ \t]*$/.test(s.slice(Math.max(0, i - 200), i))

function endOfLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i)
  return nl < 0 ? s.length : nl + 1
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
