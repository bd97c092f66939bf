import { engineOf } from '../engines/engine-list'
import type { EngineId } from '../engines/engine-list'
import { rulesOf, splitStatements } from './split-statements'
import type { SqlDialect } from './split-statements'
import { sqlTokens } from './sql-lexer'

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

/** The bare words of a statement, lower-cased, skipping what the dialect's lexer would skip. */
export function statementWords(sql: string, dialect: SqlDialect): Word[] {
  const words: Word[] = []
  let depth = 0
  for (const token of sqlTokens(sql, rulesOf(dialect))) {
    if (token.kind === 'word') words.push({ word: sql.slice(token.start, token.end).toLowerCase(), depth })
    else if (token.kind !== 'punct') continue
    else if (sql[token.start] === '(') depth++
    else if (sql[token.start] === ')') depth = Math.max(0, depth - 1)
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
  // A batch (T-SQL) runs several statements with no delimiter between them: every verb starts one.
  if (rulesOf(dialect).batchSeparator !== null) {
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

/** The SQL dialect of an engine, or null for one without SQL (MongoDB): read from its descriptor. */
export const sqlDialectOf = (engine: EngineId): SqlDialect | null =>
  engineOf(engine).lexical ? (engine as SqlDialect) : null
