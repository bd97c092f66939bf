import { QuarryFailure, takesNoValue } from '../../shared/contract'
import type { BuiltTableQuery, EngineId, TableQuery } from '../../shared/contract'
import { splitStatements } from '../../shared/dialect/split-statements'
import type { SqlDialect } from '../../shared/dialect/split-statements'

/** How one SQL engine spells a table query: its identifier quoting and its placeholders. */
export interface TableSqlDialect {
  engine: EngineId
  dialect: SqlDialect
  quoteIdentifier(name: string): string
  /** The n-th placeholder (1-based): `$1`, `?`, `@p1`. */
  placeholder(n: number): string
}

// A line comment in the typed WHERE text would swallow the closing parenthesis without a line break.
const LINE_COMMENT = /--|#/

/**
 * The SELECT of a table's Data view: identifiers quoted in the dialect, condition values as bind
 * parameters (the engine converts them to the column's type, as it would a quoted literal), the
 * typed WHERE text in parentheses so its ORs cannot swallow the conditions. The WHERE text is the
 * user's own SQL, but it must stay one expression: a `;` in it is refused.
 */
export function tableQuerySql(query: TableQuery, sql: TableSqlDialect): BuiltTableQuery {
  const params: string[] = []
  const parts: string[] = []
  const where = query.where.trim().replace(/;+\s*$/, '')
  if (where) {
    if (splitStatements(where, sql.dialect).length > 1) {
      const message = 'The WHERE text must be one expression: it cannot end a statement and start another'
      throw new QuarryFailure({ kind: 'invalid-input', message, engine: sql.engine, path: 'where' })
    }
    parts.push(LINE_COMMENT.test(where) ? `(${where}\n)` : `(${where})`)
  }
  for (const c of query.conditions) {
    const column = sql.quoteIdentifier(c.column)
    if (takesNoValue(c.op)) parts.push(`${column} ${c.op}`)
    else parts.push(`${column} ${c.op} ${sql.placeholder(params.push(c.value))}`)
  }
  const table = sql.quoteIdentifier(query.table)
  let text = `SELECT * FROM ${query.schema ? `${sql.quoteIdentifier(query.schema)}.${table}` : table}`
  if (parts.length > 0) text += ` WHERE ${parts.join(' AND ')}`
  if (query.sort.length > 0) {
    const order = query.sort.map((s) => `${sql.quoteIdentifier(s.column)} ${s.descending ? 'DESC' : 'ASC'}`)
    text += ` ORDER BY ${order.join(', ')}`
  }
  return { sql: text, params }
}
