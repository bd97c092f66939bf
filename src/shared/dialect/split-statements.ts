/** SQL dialects whose lexical rules the splitter knows. */
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql' | 'mssql'

/** One statement of a script: its text (no trailing delimiter) and where it starts in the script. */
export interface ScriptStatement {
  sql: string
  /** 0-based offset of the statement's first character in the script. */
  offset: number
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

function splitBatches(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = []
  const go = /^[ \t]*go[ \t]*(?:--[^\n]*)?$/gim
  let start = 0
  for (const match of script.matchAll(go)) {
    const text = script.slice(start, match.index)
    if (text.trim()) out.push({ sql: text.trim(), offset: start + (text.length - text.trimStart().length) })
    start = match.index + match[0].length
  }
  const rest = script.slice(start)
  if (rest.trim()) out.push({ sql: rest.trim(), offset: start + (rest.length - rest.trimStart().length) })
  return out
}

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
