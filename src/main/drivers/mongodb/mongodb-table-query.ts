import { QuarryFailure } from '../../../shared/contract'
import type { BuiltTableQuery, ConditionOp, TableQuery } from '../../../shared/contract'

const OPERATORS: Record<Exclude<ConditionOp, 'LIKE' | 'NOT LIKE' | 'IS NULL' | 'IS NOT NULL'>, string> = {
  '=': '$eq',
  '<>': '$ne',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
}

/** A LIKE pattern as an anchored regular expression (% any run, _ one character, the rest literal). */
const likeRegex = (pattern: string): string =>
  `^${[...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('')}$`

function condition(op: ConditionOp, value: string): unknown {
  switch (op) {
    case 'IS NULL':
      return { $eq: null }
    case 'IS NOT NULL':
      return { $ne: null }
    case 'LIKE':
      return { $regex: likeRegex(value), $options: 's' }
    case 'NOT LIKE':
      return { $not: { $regex: likeRegex(value), $options: 's' } }
    default:
      return { [OPERATORS[op]]: value }
  }
}

/**
 * A collection's Data view as a shell find: conditions become a filter document (values as
 * strings: the data, never code), sort a sort document. There is no WHERE text for documents.
 */
export function mongodbTableQuery(query: TableQuery): BuiltTableQuery {
  const fail = (message: string, path: string) =>
    new QuarryFailure({ kind: 'invalid-input', message, engine: 'mongodb', path })
  if (query.where.trim()) throw fail('A collection is filtered by conditions, not WHERE text', 'where')
  const fields = [...query.conditions.map((c) => c.column), ...query.sort.map((s) => s.column)]
  if (fields.some((field) => field.startsWith('$'))) throw fail('A field name cannot start with $', 'conditions')
  const clauses = query.conditions.map((c) => ({ [c.column]: condition(c.op, c.value) }))
  const filter = clauses.length > 0 ? JSON.stringify({ $and: clauses }) : '{}'
  let sql = `db.getCollection(${JSON.stringify(query.table)}).find(${filter})`
  if (query.sort.length > 0) {
    sql += `.sort(${JSON.stringify(Object.fromEntries(query.sort.map((s) => [s.column, s.descending ? -1 : 1])))})`
  }
  return { sql, params: [] }
}
