import type { EngineId } from '../../../shared/contract/model'
import { qualifiedName, quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { sqlLiteral } from '../../../shared/formats/value-text'

/** Comparisons a per-column condition offers. */
export const CONDITION_OPS = ['=', '<>', '<', '<=', '>', '>=', 'LIKE', 'NOT LIKE', 'IS NULL', 'IS NOT NULL'] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

/** One per-column condition; `value` is typed text, written as a quoted literal (never spliced raw). */
export interface ColumnCondition {
  column: string
  op: ConditionOp
  value: string
}

export interface SortColumn {
  column: string
  descending: boolean
}

/** What the Data view asks the server for. */
export interface TableDataQuery {
  engine: EngineId
  schema: string | null
  table: string
  /** A WHERE expression typed by the user (their own SQL, like the editor's), or ''. */
  where: string
  conditions: readonly ColumnCondition[]
  sort: readonly SortColumn[]
}

const takesNoValue = (op: ConditionOp): boolean => op === 'IS NULL' || op === 'IS NOT NULL'

/**
 * The SELECT of a table's Data view: identifiers quoted in the engine's dialect, condition values
 * as escaped string literals (the engine converts them to the column's type), the typed WHERE
 * text in parentheses so its ORs cannot swallow the conditions.
 */
export function tableDataSql(query: TableDataQuery): string {
  const { engine } = query
  const parts: string[] = []
  const where = query.where.trim().replace(/;+\s*$/, '')
  if (where) parts.push(`(${where})`)
  for (const c of query.conditions) {
    if (!c.column) continue
    const column = quoteIdentifier(engine, c.column)
    parts.push(takesNoValue(c.op) ? `${column} ${c.op}` : `${column} ${c.op} ${sqlLiteral(c.value, engine)}`)
  }
  let sql = `SELECT * FROM ${qualifiedName(engine, query.schema, query.table)}`
  if (parts.length > 0) sql += ` WHERE ${parts.join(' AND ')}`
  if (query.sort.length > 0) {
    sql += ` ORDER BY ${query.sort.map((s) => `${quoteIdentifier(engine, s.column)} ${s.descending ? 'DESC' : 'ASC'}`).join(', ')}`
  }
  return sql
}

/** Header click in the Data view: ascending, descending, then unsorted (one column at a time). */
export function cycleSortColumn(current: readonly SortColumn[], column: string): SortColumn[] {
  const existing = current.find((s) => s.column === column)
  if (!existing) return [{ column, descending: false }]
  if (!existing.descending) return [{ column, descending: true }]
  return []
}
