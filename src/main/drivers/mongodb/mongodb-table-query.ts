import { QuarryFailure } from '../../../shared/contract'
import type { BuiltTableQuery, ConditionOp, TableQuery } from '../../../shared/contract'
import { parseShellValue } from '../../../shared/mongo-shell/shell-parser'
import type { PageClauses } from '../table-query-sql'
import { toBson } from './mongodb-shell-bson'
import { shellText } from './mongodb-values'

const OPERATORS: Record<Exclude<ConditionOp, 'LIKE' | 'NOT LIKE' | 'IS NULL' | 'IS NOT NULL'>, string> = {
  '=': '$eq',
  '<>': '$ne',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
}

const fail = (message: string, path: string) =>
  new QuarryFailure({ kind: 'invalid-input', message, engine: 'mongodb', path })

/** A LIKE pattern as an anchored regular expression (% any run, _ one character, the rest literal). */
const likeRegex = (pattern: string): string =>
  `^${[...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('')}$`

/**
 * Shell text as compact shell text of the BSON it means (re-written, never spliced: comments and
 * spacing go, values keep their exact types); null when the text is not one shell value.
 */
function literal(text: string, path: string): { text: string; kind: string } | null {
  let value
  try {
    value = parseShellValue(text)
  } catch {
    return null
  }
  try {
    return { text: shellText(toBson(value)), kind: value.kind }
  } catch (error) {
    throw fail(`${text.slice(0, 60)}: ${(error as Error).message}`, path)
  }
}

/**
 * A condition's value: a shell literal as the BSON it means (30, "30", true, ObjectId("…"),
 * ISODate("…")), any other text as a string, so `name = Ada` needs no quotes.
 */
const conditionValue = (value: string): string => literal(value.trim(), 'conditions')?.text ?? JSON.stringify(value)

function condition(op: ConditionOp, value: string): string {
  switch (op) {
    case 'IS NULL':
      return '{"$eq":null}'
    case 'IS NOT NULL':
      return '{"$ne":null}'
    case 'LIKE':
      return `{"$regex":${JSON.stringify(likeRegex(value))},"$options":"s"}`
    case 'NOT LIKE':
      return `{"$not":{"$regex":${JSON.stringify(likeRegex(value))},"$options":"s"}}`
    default:
      return `{"${OPERATORS[op]}":${conditionValue(value)}}`
  }
}

/**
 * A collection's Data view as a shell find: the typed filter (a filter document in shell syntax,
 * the WHERE text's counterpart) and the per-field conditions joined by $and, the sort. A page
 * (mongodb-table-pages) adds its condition to the $and and replaces the sort; its bounds are
 * skip and limit. Everything is data the shell parser reads back: nothing in it is ever run.
 */
export function mongodbTableQuery(query: TableQuery, page?: PageClauses): BuiltTableQuery {
  const fields = [...query.conditions.map((c) => c.column), ...query.sort.map((s) => s.column)]
  if (fields.some((field) => field.startsWith('$'))) throw fail('A field name cannot start with $', 'conditions')
  const clauses: string[] = []
  const where = query.where.trim()
  if (where) {
    const filter = literal(where, 'where')
    if (filter?.kind !== 'object')
      throw fail('Filter a collection with a filter document, e.g. { status: "A", qty: { $lt: 30 } }', 'where')
    if (filter.text !== '{}') clauses.push(filter.text)
  }
  for (const c of query.conditions) clauses.push(`{${JSON.stringify(c.column)}:${condition(c.op, c.value)}}`)
  const after = page?.condition?.(() => {
    throw new Error('A collection page binds no parameters')
  })
  if (after) clauses.push(after)
  const filter = clauses.length === 0 ? '{}' : clauses.length === 1 ? clauses[0]! : `{"$and":[${clauses.join(',')}]}`
  let sql = `db.getCollection(${JSON.stringify(query.table)}).find(${filter})`
  const sort = page ? page.order : query.sort.map((s) => `${JSON.stringify(s.column)}:${s.descending ? -1 : 1}`)
  if (sort.length > 0) sql += `.sort({${sort.join(',')}})`
  if (page && page.offset > 0) sql += `.skip(${page.offset})`
  if (page && page.limit !== null) sql += `.limit(${page.limit})`
  return { sql, params: [] }
}
