import { QuarryFailure } from '../../../shared/contract'
import type { TablePage, TableQuery, WireValue } from '../../../shared/contract'
import type { TablePages } from '../driver'
import type { PagePlan } from '../pages/table-pages'
import { bracketOf, bracketsBeyond, isSingleValueBracket } from './mongodb-bson-order'
import { fromWireValue } from './mongodb-edit-values'
import { shellText } from './mongodb-values'

const ID = '_id'

const fail = (message: string, path: string) =>
  new QuarryFailure({ kind: 'invalid-input', message, engine: 'mongodb', path })

/**
 * Pages of a collection's Data view, each its own find with a limit (no cursor stays open between
 * pages). Keyset on `_id` when the order is `_id` (unique on every collection): the next page is
 * the documents after the last one's `_id`, across BSON types as the sort orders them. Sorted by
 * any other field, pages skip the documents read, in the order (field…, _id): a field may hold
 * values of several types, and arrays (sorted by their least or greatest element), which no range
 * on the field follows in sort order exactly. A view pages by skip in its own order (its documents
 * may lack _id or repeat it). Planning a page only asks the server whether the name is a view.
 */
export function mongodbTablePages(
  isView: (database: string | undefined, name: string) => Promise<boolean>,
): TablePages {
  return { plan: async (query, page, database) => planCollectionPage(query, page, await isView(database, query.table)) }
}

/** The clauses (shell text, for mongodbTableQuery) and paging of one page of a collection (or a view). */
export function planCollectionPage(query: TableQuery, page: TablePage, view = false): PagePlan {
  const order: { field: string; descending: boolean }[] = []
  for (const sort of query.sort) {
    if (order.some((o) => o.field === sort.column)) continue
    order.push({ field: sort.column, descending: sort.descending })
    // Nothing after a unique field changes the order.
    if (sort.column === ID && !view) break
  }
  if (!view && !order.some((o) => o.field === ID)) order.push({ field: ID, descending: false })
  const sortText = order.map((o) => `${JSON.stringify(o.field)}:${o.descending ? -1 : 1}`)
  if (view || order.length > 1) {
    if (page.after !== undefined)
      throw fail('This collection pages by skip: the next page is asked for by its offset', 'page.after')
    const fields = order.slice(0, -1).map((o) => `"${o.field}"`)
    const reason = view
      ? `${query.table} is a view: its documents may lack _id or repeat it`
      : `sorted by ${fields.join(', ')}: a field may hold values of several types and arrays, which no range follows in sort order`
    return {
      clauses: { order: sortText, limit: page.size, offset: page.offset ?? 0 },
      info: { mode: 'offset', cursor: [], reason },
    }
  }
  if (page.offset !== undefined && page.offset > 0)
    throw fail('This collection pages by _id: the next page is asked for by the last document read', 'page.offset')
  const after = page.after
  if (after !== undefined && after.length !== 1)
    throw fail(`The next page needs the last document's _id, not ${after.length} values`, 'page.after')
  const condition = after ? afterId(after[0]!, order[0]!.descending) : null
  return {
    clauses: { order: sortText, limit: page.size, offset: 0, ...(condition ? { condition: () => condition } : {}) },
    info: { mode: 'keyset', cursor: [ID], reason: null },
  }
}

/**
 * The documents whose _id sorts after `last` (descending: before it), as a filter document in
 * shell text: a range within last's type bracket, or any _id of a bracket beyond it. _id is never
 * an array. NaN sorts before every number but no range matches it, so it is named where it follows.
 */
export function afterId(last: WireValue, descending: boolean): string {
  const bracket = bracketOf(last)
  if (bracket === null) throw fail('The last document read has no _id to page after', 'page.after')
  if (last !== null && typeof last === 'object' && last.$ === 'bson' && last.t === 'Code')
    throw fail('A collection whose _id is JavaScript code cannot be paged after it: use Fetch all', 'page.after')
  const nan = last !== null && typeof last === 'object' && last.$ === 'float' && last.v === 'NaN'
  const alternatives: string[] = []
  const range = (op: string, value: string) => alternatives.push(`{"_id":{"${op}":${value}}}`)
  if (nan) {
    if (!descending) range('$gte', '-Infinity')
  } else if (!isSingleValueBracket(bracket)) {
    range(descending ? '$lt' : '$gt', shellText(fromWireValue(last, ID)))
    if (descending && bracketOf(0) === bracket) range('$eq', 'NaN')
  }
  const beyond = bracketsBeyond(bracket, descending)
  if (beyond.length > 0) alternatives.push(`{"_id":{"$type":${JSON.stringify(beyond)}}}`)
  return alternatives.length === 0 ? '{"_id":{"$in":[]}}' : `{"$or":[${alternatives.join(',')}]}`
}
