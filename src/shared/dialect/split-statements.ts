/** SQL dialects whose lexical rules the splitter knows. */
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql' | 'mssql'

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
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y

/**
 * Splits a script into statements the way the engine's own client does: semicolons outside
 * strings, quoted identifiers and comments; PostgreSQL dollar quotes and E'' strings; MySQL
 * backslash escapes, # comments and DELIMITER lines; BEGIN…END bodies of triggers and routines;
 * SQL Server GO lines (batches, not statements).
 */
export function splitStatements(script: string, dialect: SqlDialect): ScriptStatement[] {
  if (dialect === 'mssql') return splitBatches(script)
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
    if (sql && !isOnlyComments(sql, dialect)) out.push({ sql, offset: start + lead })
  }
  while (i < script.length) {
    const ch = script[i]!
    const next = script[i + 1]
    if (dialect === 'mysql' && atLineStart(script, i) && /^delimiter\s/i.test(script.slice(i, i + 10))) {
      const lineEnd = endOfLine(script, i)
      push(i)
      delimiter = script.slice(i + 9, lineEnd).trim() || ';'
      i = start = lineEnd
      continue
    }
    if ((ch === '-' && next === '-') || (ch === '#' && dialect === 'mysql')) {
      i = endOfLine(script, i)
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(script, i, dialect === 'postgres')
    } else if (ch === "'") {
      const escapeString = /[eE]/.test(script[i - 1] ?? '') && !/[\w$]/.test(script[i - 2] ?? '')
      const backslash = dialect === 'mysql' || (dialect === 'postgres' && escapeString)
      i = skipQuoted(script, i, "'", backslash)
    } else if (ch === '"') {
      i = skipQuoted(script, i, '"', dialect === 'mysql')
    } else if (ch === '`' && dialect !== 'postgres') {
      i = skipQuoted(script, i, '`', false)
    } else if (ch === '[' && dialect === 'sqlite') {
      i = Math.max(script.indexOf(']', i + 1) + 1, i + 1) || script.length
    } else if (ch === '$' && dialect === 'postgres' && !/[\w$]/.test(script[i - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i
      const tag = DOLLAR_TAG.exec(script)
      if (tag) {
        const close = script.indexOf(tag[0], i + tag[0].length)
        i = close < 0 ? script.length : close + tag[0].length
      } else i++
    } else if (/[A-Za-z_]/.test(ch) && !/[\w$]/.test(script[i - 1] ?? '')) {
      WORD.lastIndex = i
      const word = WORD.exec(script)![0]
      const lower = word.toLowerCase()
      words++
      if (block === null && (words > 8 || (words === 1 && lower !== 'create'))) block = false
      if (block === null && BLOCK_OPENERS.test(script.slice(start, i + word.length))) block = true
      if (block && delimiter === ';') {
        if (lower === 'begin' || (lower === 'case' && depth > 0)) depth++
        else if (lower === 'end' && depth > 0 && !closesUncounted(script, i + word.length)) depth--
      }
      i += word.length
    } else if (script.startsWith(delimiter, i) && depth === 0) {
      push(i)
      i += delimiter.length
      start = i
    } else {
      i++
    }
  }
  push(script.length)
  return out
}

/** `END IF`, `END LOOP`… close constructs whose openers are not counted (only BEGIN and CASE are). */
function closesUncounted(s: string, from: number): boolean {
  return /^\s+(if|loop|while|repeat)\b/i.test(s.slice(from, from + 20))
}

/** A `GO` line: the word alone on its line, an optional repeat count, an optional `--` comment. */
const GO_LINE = /^[ \t]*go(?:[ \t]+(\d+))?[ \t]*(?:--.*)?$/i

/**
 * SQL Server scripts split the way SSMS and sqlcmd do: into batches at `GO` lines (any case),
 * never inside a string, a quoted identifier or a block comment (which nest in T-SQL). `GO n`
 * runs the batch before it n times (`repeat`); `GO 0` skips it.
 */
function splitBatches(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = []
  let start = 0
  const push = (end: number, repeat: number): void => {
    const text = script.slice(start, end)
    const sql = text.trim()
    // A batch of only comments and semicolons would do nothing but fail to parse.
    if (!sql || repeat === 0 || isOnlyComments(sql, 'mssql')) return
    const statement: ScriptStatement = { sql, offset: start + (text.length - text.trimStart().length) }
    if (repeat !== 1) statement.repeat = repeat
    out.push(statement)
  }
  let i = 0
  let lineStart = true
  while (i < script.length) {
    if (lineStart) {
      const lineEnd = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i)
      const go = GO_LINE.exec(script.slice(i, lineEnd).replace(/\r$/, ''))
      if (go) {
        push(i, go[1] === undefined ? 1 : Math.min(Number(go[1]), MAX_GO_REPEAT))
        i = start = Math.min(lineEnd + 1, script.length)
        continue
      }
    }
    const ch = script[i]!
    const next = script[i + 1]
    if (ch === '-' && next === '-') i = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i)
    else if (ch === '/' && next === '*') i = skipBlockComment(script, i, true)
    else if (ch === "'") i = skipQuoted(script, i, "'", false)
    else if (ch === '"') i = skipQuoted(script, i, '"', false)
    else if (ch === '[') i = skipQuoted(script, i, ']', false)
    else i++
    lineStart = script[i - 1] === '\n'
  }
  push(script.length, 1)
  return out
}

/** The largest `GO n` count honoured (sqlcmd's own limit is 2^31 − 1; beyond this it is a typo). */
export const MAX_GO_REPEAT = 1_000_000

const atLineStart = (s: string, i: number): boolean => i === 0 || /\n[ \t]*$/.test(s.slice(Math.max(0, i - 200), i))

export function endOfLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i)
  return nl < 0 ? s.length : nl + 1
}

export function skipBlockComment(s: string, i: number, nested: boolean): number {
  let depth = 0
  while (i < s.length) {
    if (s[i] === '/' && s[i + 1] === '*' && (nested || depth === 0)) {
      depth++
      i += 2
    } else if (s[i] === '*' && s[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return s.length
}

export function skipQuoted(s: string, i: number, quote: string, backslash: boolean): number {
  i++
  while (i < s.length) {
    const ch = s[i]
    if (backslash && ch === '\\') i += 2
    else if (ch === quote) {
      if (s[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return s.length
}

function isOnlyComments(sql: string, dialect: SqlDialect): boolean {
  const stripped = sql
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(dialect === 'mysql' ? /(--|#)[^\n]*/g : /--[^\n]*/g, '')
    .trim()
  return stripped === '' || stripped === ';'
}
