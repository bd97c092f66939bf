import type { LexicalRules } from '../../../../shared/dialect/lexical-rules'
import type { SqlToken } from './sql-tokens'
import { tokenize } from './sql-tokens'

/** A table the statement names, as written: `schema.table alias`. */
export interface TableRef {
  schema: string | null
  name: string
  alias: string | null
}

/** What the cursor is completing. `from` is where the word being replaced starts. */
export type CompletionContext =
  /** After FROM, JOIN, UPDATE, INTO, TABLE (or `schema.` there): schemas and tables. */
  | { kind: 'relation'; schema: string | null; from: number; prefix: string }
  /** After `name.` elsewhere: the columns of that table or alias (or a schema's tables). */
  | { kind: 'member'; qualifier: string; from: number; prefix: string }
  /** Anywhere else: columns of the statement's tables, keywords, functions. */
  | { kind: 'expression'; from: number; prefix: string }
  /** Inside a string or comment, or right after a number: nothing to offer. */
  | { kind: 'none' }

const RELATION_KEYWORDS = new Set(['from', 'join', 'update', 'into', 'table', 'describe'])
/** Words that end a FROM list or cannot be an alias. */
const CLAUSE_WORDS = new Set(
  (
    'where on using join inner left right full outer cross natural group order having limit offset union ' +
    'intersect except set values select from returning window fetch for lateral straight_join as with into update ' +
    'table and or not when then else end qualify partition'
  ).split(' '),
)

const lower = (token: SqlToken | undefined): string => (token?.kind === 'word' ? token.text.toLowerCase() : '')
const isName = (token: SqlToken | undefined): boolean => token?.kind === 'word' || token?.kind === 'quoted'

/**
 * What is being completed at `cursor` of `statement` (the text of the statement under the cursor,
 * the cursor relative to it), and which tables the whole statement names, lexed by the engine's rules.
 */
export function completionContext(
  statement: string,
  cursor: number,
  rules: LexicalRules,
): { context: CompletionContext; tables: TableRef[] } {
  const tables = tablesOf(tokenize(statement, rules).tokens)
  const { tokens, open } = tokenize(statement, rules, cursor)
  if (open) return { context: { kind: 'none' }, tables }
  let last = tokens.at(-1)
  let prefix = ''
  let from = cursor
  if (last && last.end === cursor && isName(last)) {
    prefix = last.text
    from = last.start
    tokens.pop()
    last = tokens.at(-1)
  } else if (last?.kind === 'number' && last.end === cursor) {
    return { context: { kind: 'none' }, tables }
  }
  if (last?.kind === 'punct' && last.text === '.' && isName(tokens.at(-2))) {
    const qualifier = tokens.at(-2)!
    const before = tokens.at(-3)
    if (relationPosition(tokens, tokens.length - 3, before)) {
      return { context: { kind: 'relation', schema: qualifier.text, from, prefix }, tables }
    }
    return { context: { kind: 'member', qualifier: qualifier.text, from, prefix }, tables }
  }
  if (relationPosition(tokens, tokens.length - 1, last))
    return { context: { kind: 'relation', schema: null, from, prefix }, tables }
  return { context: { kind: 'expression', from, prefix }, tables }
}

/** Is the token at `index` a relation keyword, or a comma inside a FROM list? */
function relationPosition(tokens: SqlToken[], index: number, token: SqlToken | undefined): boolean {
  if (RELATION_KEYWORDS.has(lower(token))) return true
  if (token?.kind !== 'punct' || token.text !== ',') return false
  for (let i = index - 1; i >= 0; i--) {
    const word = lower(tokens[i])
    if (tokens[i]?.kind === 'punct' && (tokens[i]!.text === '(' || tokens[i]!.text === ')')) return false
    if (word === 'from') return true
    if (CLAUSE_WORDS.has(word)) return false
  }
  return false
}

/** Tables after FROM/JOIN/UPDATE/INTO (and commas of a FROM list), with their aliases. */
function tablesOf(tokens: SqlToken[]): TableRef[] {
  const found: TableRef[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (!relationPosition(tokens, i, tokens[i])) continue
    let j = i + 1
    if (!isName(tokens[j]) || CLAUSE_WORDS.has(lower(tokens[j]))) continue
    const parts = [tokens[j]!.text]
    while (tokens[j + 1]?.text === '.' && isName(tokens[j + 2])) {
      parts.push(tokens[j + 2]!.text)
      j += 2
    }
    let alias: string | null = null
    let k = j + 1
    if (lower(tokens[k]) === 'as') k++
    if (isName(tokens[k]) && !CLAUSE_WORDS.has(lower(tokens[k]))) alias = tokens[k]!.text
    const name = parts.at(-1)!
    const schema = parts.length > 1 ? parts.at(-2)! : null
    found.push({ schema, name, alias })
  }
  return found
}
