import { endOfLine, skipBlockComment, skipQuoted, splitStatements } from './split-statements'
import type { SqlDialect } from './split-statements'

/** Why safe mode asks before a statement. */
export type DangerKind = 'delete-without-where' | 'update-without-where' | 'drop' | 'truncate'

/** A statement safe mode asks about: its kind, where it starts in the script, and its text. */
export interface DangerousStatement {
  kind: DangerKind
  offset: number
  sql: string
}

/** A word of SQL outside strings, comments and quoted identifiers, with its parenthesis depth. */
interface Word {
  word: string
  depth: number
}

const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y

/** The bare words of a statement, lower-cased, skipping what the dialect's lexer would skip. */
export function statementWords(sql: string, dialect: SqlDialect): Word[] {
  const words: Word[] = []
  let depth = 0
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    const next = sql[i + 1]
    if ((ch === '-' && next === '-') || (ch === '#' && dialect === 'mysql')) i = endOfLine(sql, i)
    else if (ch === '/' && next === '*') i = skipBlockComment(sql, i, dialect === 'postgres')
    else if (ch === "'") {
      const escapeString = /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '')
      i = skipQuoted(sql, i, "'", dialect === 'mysql' || (dialect === 'postgres' && escapeString))
    } else if (ch === '"') i = skipQuoted(sql, i, '"', dialect === 'mysql')
    else if (ch === '`' && dialect !== 'postgres') i = skipQuoted(sql, i, '`', false)
    else if (ch === '[' && (dialect === 'sqlite' || dialect === 'mssql')) {
      const close = sql.indexOf(']', i + 1)
      i = close < 0 ? sql.length : close + 1
    } else if (ch === '$' && dialect === 'postgres' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i
      const tag = DOLLAR_TAG.exec(sql)
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length)
        i = close < 0 ? sql.length : close + tag[0].length
      } else i++
    } else if (ch === '(') {
      depth++
      i++
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1)
      i++
    } else if (/[A-Za-z_]/.test(ch) && !/[\w$@#]/.test(sql[i - 1] ?? '')) {
      WORD.lastIndex = i
      const word = WORD.exec(sql)![0]
      words.push({ word: word.toLowerCase(), depth })
      i += word.length
    } else i++
  }
  return words
}

const VERBS = new Set(['select', 'insert', 'update', 'delete', 'merge', 'drop', 'truncate', 'create', 'alter'])
/** Words before DELETE/UPDATE that make it a clause (ON DELETE CASCADE, AFTER UPDATE…), not a statement. */
const CLAUSE_LEAD = new Set(['on', 'for', 'after', 'before', 'of', 'instead', 'or', 'grant', 'revoke'])

/** Kinds of danger in one statement's words: its leading verb (after a WITH clause), or every verb in a T-SQL batch. */
function dangersOf(words: Word[], dialect: SqlDialect): DangerKind[] {
  const top = words.filter((w) => w.depth === 0)
  const starts: number[] = []
  if (dialect === 'mssql') {
    top.forEach((w, index) => VERBS.has(w.word) && !CLAUSE_LEAD.has(top[index - 1]?.word ?? '') && starts.push(index))
  } else if (top[0]?.word === 'with') {
    const verb = top.findIndex((w, index) => index > 0 && VERBS.has(w.word))
    if (verb > 0) starts.push(verb)
  } else if (top.length > 0) starts.push(0)
  const kinds: DangerKind[] = []
  for (const [n, start] of starts.entries()) {
    const verb = top[start]!.word
    const end = starts[n + 1] ?? top.length
    if (verb === 'drop') kinds.push('drop')
    else if (verb === 'truncate') kinds.push('truncate')
    else if (verb === 'delete' || verb === 'update') {
      const hasWhere = top.slice(start + 1, end).some((w) => w.word === 'where')
      if (!hasWhere) kinds.push(verb === 'delete' ? 'delete-without-where' : 'update-without-where')
    }
  }
  return kinds
}

/**
 * The statements of a script safe mode asks about: UPDATE or DELETE without a WHERE clause of
 * their own (one inside a subquery does not count), DROP and TRUNCATE. The script is split and
 * lexed as the engine would, so words inside strings, comments or quoted names never count.
 */
export function dangerousStatements(script: string, dialect: SqlDialect): DangerousStatement[] {
  const found: DangerousStatement[] = []
  for (const statement of splitStatements(script, dialect)) {
    for (const kind of dangersOf(statementWords(statement.sql, dialect), dialect)) {
      found.push({ kind, offset: statement.offset, sql: statement.sql })
    }
  }
  return found
}

/** How safe mode names a danger to the user. */
export const DANGER_LABELS: Record<DangerKind, string> = {
  'delete-without-where': 'DELETE without WHERE (deletes every row)',
  'update-without-where': 'UPDATE without WHERE (changes every row)',
  drop: 'DROP',
  truncate: 'TRUNCATE (deletes every row)',
}

/** The SQL dialect of an engine, or null for one without SQL (MongoDB). */
export const sqlDialectOf = (engine: string): SqlDialect | null =>
  engine === 'sqlite' || engine === 'postgres' || engine === 'mysql' || engine === 'mssql'
    ? engine
    : engine === 'duckdb'
      ? 'postgres'
      : null
