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
  /** How a page's rows are bounded: `LIMIT n OFFSET m` (absent), or `OFFSET m ROWS FETCH NEXT n ROWS ONLY`. */
  rowLimit?: 'offset-fetch'
}

/** A value bound for a page's condition: the SQL around its placeholder, and the text bound. */
export type PageBinder = (make: (placeholder: string) => { sql: string; text: string }) => string

/**
 * What a page adds to a table query (see table-pages): its condition, its whole order, its bounds,
 * in the engine's own query text: SQL (values bound with `bind`), or for MongoDB shell text (a
 * filter document and sort entries, values written as shell literals; see mongodb-table-pages).
 */
export interface PageClauses {
  /** The keyset condition, written with `bind` (values follow the filter's parameters). */
  condition?: (bind: PageBinder) => string
  /** ORDER BY items replacing the sort's (already quoted); empty: none. */
  order: string[]
  /** Rows at most (null: all), after skipping `offset`. */
  limit: number | null
  offset: number
}

/** "Every row": the largest LIMIT every engine takes (a LIMIT is needed with an OFFSET on some). */
const ALL_ROWS = '9223372036854775807'

// A line comment in the typed WHERE text would swallow the closing parenthesis without a line break.
const LINE_COMMENT = /--|#/

/**
 * The SELECT of a table's Data view: identifiers quoted in the dialect, condition values as bind
 * parameters (the engine converts them to the column's type, as it would a quoted literal), the
 * typed WHERE text in parentheses so its ORs cannot swallow the conditions. The WHERE text is the
 * user's own SQL, but it must stay one expression: a `;` in it is refused.
 */
export function tableQuerySql(query: TableQuery, sql: TableSqlDialect, page?: PageClauses): BuiltTableQuery {
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
  if (page?.condition) {
    parts.push(
      `(${page.condition((make) => {
        const bound = make(sql.placeholder(params.length + 1))
        params.push(bound.text)
        return bound.sql
      })})`,
    )
  }
  const table = sql.quoteIdentifier(query.table)
  let text = `SELECT * FROM ${query.schema ? `${sql.quoteIdentifier(query.schema)}.${table}` : table}`
  if (parts.length > 0) text += ` WHERE ${parts.join(' AND ')}`
  const order = page
    ? page.order
    : query.sort.map((s) => `${sql.quoteIdentifier(s.column)} ${s.descending ? 'DESC' : 'ASC'}`)
  if (order.length > 0) text += ` ORDER BY ${order.join(', ')}`
  if (page) text += limitClause(page, sql, order.length > 0)
  return { sql: text, params }
}

function limitClause(page: PageClauses, sql: TableSqlDialect, ordered: boolean): string {
  if (sql.rowLimit === 'offset-fetch') {
    // OFFSET … FETCH needs an ORDER BY: an order of no column where the page has none.
    const fetch = page.limit === null ? '' : ` FETCH NEXT ${page.limit} ROWS ONLY`
    return `${ordered ? '' : ' ORDER BY (SELECT NULL)'} OFFSET ${page.offset} ROWS${fetch}`
  }
  if (page.limit === null && page.offset === 0) return ''
  return ` LIMIT ${page.limit ?? ALL_ROWS}${page.offset > 0 ? ` OFFSET ${page.offset}` : ''}`
}
