import type { ColumnInfo, TablePage, TablePageInfo, TableQuery, TableSchema, WireValue } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type { EditDialect } from '../edits/edit-dialect'
import { findEditKey } from '../edits/edit-key'
import type { PageBinder, PageClauses } from '../table-query-sql'

/** What a page adds to the table query, and how the table pages (told to the renderer). */
export interface PagePlan {
  clauses: PageClauses
  info: TablePageInfo
}

/** One column of a page's order: the sort's columns, then the key's not among them. */
interface OrderColumn {
  column: ColumnInfo
  descending: boolean
}

/**
 * A page of a table's Data view. Keyset where the table has a key (primary, else unique on NOT
 * NULL columns) and every order column compares exactly: ORDER BY the sort columns then the key
 * (ties broken, so the order is total), and the next page is the rows after the last one's values,
 * bound with the column's type like an edit's guard. NULLs of a nullable sort column come last
 * ascending and first descending (on every engine, spelled with CASE), and the condition says so.
 * Otherwise OFFSET pages in the same order. Nothing is held open between pages.
 */
export function planTablePage(
  query: TableQuery,
  page: TablePage,
  table: TableSchema,
  dialect: Pick<EditDialect, 'engine' | 'quoteIdentifier' | 'bind' | 'comparable' | 'equals'>,
): PagePlan {
  const columns = new Map(table.columns.map((column) => [column.name, column]))
  const key = findEditKey(table, undefined, dialect.engine, true).columns
  const sorts: OrderColumn[] = []
  for (const sort of query.sort) {
    const column = columns.get(sort.column)
    if (!column) {
      const message = `${table.name} has no column "${sort.column}" to sort by`
      throw new QuarryFailure({ kind: 'invalid-input', path: 'query.sort', message, engine: dialect.engine })
    }
    if (!sorts.some((s) => s.column.name === column.name)) sorts.push({ column, descending: sort.descending })
  }
  const keyed = key
    .filter((name) => !sorts.some((s) => s.column.name === name))
    .map((name) => ({ column: columns.get(name)!, descending: false }))
  const order = [...sorts, ...keyed]
  const inexact = order.find((o) => !dialect.comparable(o.column))
  const reason =
    key.length === 0
      ? `${table.name} has no primary key and no unique key on NOT NULL columns`
      : inexact
        ? `"${inexact.column.name}" (${inexact.column.dataType}) does not compare exactly`
        : null
  const q = dialect.quoteIdentifier
  const orderSql = order.flatMap(({ column, descending }) => {
    const name = q(column.name)
    const direction = descending ? 'DESC' : 'ASC'
    // NULLs last ascending, first descending, on every engine.
    if (!column.nullable) return [`${name} ${direction}`]
    return [
      `CASE WHEN ${name} IS NULL THEN ${descending ? 0 : 1} ELSE ${descending ? 1 : 0} END`,
      `${name} ${direction}`,
    ]
  })
  if (reason !== null) {
    if (page.after !== undefined) {
      const message = 'This table pages by offset: the next page is asked for by its offset'
      throw new QuarryFailure({ kind: 'invalid-input', path: 'page.after', message, engine: dialect.engine })
    }
    return {
      clauses: { order: orderSql, limit: page.size, offset: page.offset ?? 0 },
      info: { mode: 'offset', cursor: [], reason },
    }
  }
  if (page.offset !== undefined && page.offset > 0) {
    const message = 'This table pages by its key: the next page is asked for by the last row read'
    throw new QuarryFailure({ kind: 'invalid-input', path: 'page.offset', message, engine: dialect.engine })
  }
  const after = page.after
  if (after !== undefined && after.length !== order.length) {
    const message = `The next page needs the last row's ${order.length} cursor values, not ${after.length}`
    throw new QuarryFailure({ kind: 'invalid-input', path: 'page.after', message, engine: dialect.engine })
  }
  const clauses: PageClauses = { order: orderSql, limit: page.size, offset: 0 }
  if (after) clauses.condition = (bind) => afterCondition(order, after, bind, dialect)
  return { clauses, info: { mode: 'keyset', cursor: order.map((o) => o.column.name), reason: null } }
}

/**
 * The rows after `after` in the order: for each column i, the rows equal on every column before it
 * and after it on column i; with several columns, led by a range on the first where it has no
 * NULLs (which an index can seek). Each value is bound afresh (`?` placeholders cannot be reused).
 */
function afterCondition(
  order: readonly OrderColumn[],
  after: readonly WireValue[],
  bind: PageBinder,
  dialect: Pick<EditDialect, 'quoteIdentifier' | 'bind' | 'equals'>,
): string {
  const q = dialect.quoteIdentifier
  const value = (i: number) => bind((placeholder) => dialect.bind(after[i]!, order[i]!.column, placeholder))
  const equal = (i: number): string => {
    const name = q(order[i]!.column.name)
    if (after[i] === null) return `${name} IS NULL`
    const bound = value(i)
    return dialect.equals ? dialect.equals(name, bound, order[i]!.column) : `${name} = ${bound}`
  }
  const beyond = (i: number): string => {
    const { column, descending } = order[i]!
    const name = q(column.name)
    if (after[i] === null) return `${name} IS NOT NULL`
    const compare = `${name} ${descending ? '<' : '>'} ${value(i)}`
    return column.nullable && !descending ? `(${compare} OR ${name} IS NULL)` : compare
  }
  // Bound in the order the text reads (`?` placeholders are numbered by position).
  const first = order[0]!
  const seek =
    order.length === 1 || first.column.nullable || after[0] === null
      ? null
      : `${q(first.column.name)} ${first.descending ? '<=' : '>='} ${value(0)}`
  const alternatives: string[] = []
  for (let i = 0; i < order.length; i++) {
    // Nothing comes after a NULL ascending (NULLs are last) but the rows equal on it.
    if (after[i] === null && !order[i]!.descending) continue
    const equals: string[] = []
    for (let j = 0; j < i; j++) equals.push(equal(j))
    alternatives.push([...equals, beyond(i)].join(' AND '))
  }
  const any = alternatives.length > 0 ? alternatives.map((a) => `(${a})`).join(' OR ') : '1 = 0'
  return seek === null ? any : `${seek} AND (${any})`
}
