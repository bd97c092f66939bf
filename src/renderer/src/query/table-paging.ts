import type { TablePage, TablePageInfo, WireValue } from '../../../shared/contract'
import type { RowStore } from '../grid/row-store'

/** Rows of a table's first page: two tall screens and a lookahead, whatever the table's size. */
export const FIRST_PAGE_ROWS = 300
/** Rows of each next page, asked for as the view nears the end of the rows loaded. */
export const NEXT_PAGE_ROWS = 1000
/** How near the end of the loaded rows (in rows) the view is when the next page is asked for. */
export const NEXT_PAGE_AHEAD = 150

/** A paged table's state: how main pages it, the last page's size, and whether rows are left. */
export interface PageState {
  info: TablePageInfo
  /** Rows the last page asked for; null: every row left (Fetch all). */
  size: number | null
  /** The last page was full: there may be rows after it. */
  more: boolean
  /** A next page (or every row left) is being read. */
  loading: 'page' | 'all' | null
}

/**
 * The request for the page after the rows loaded: keyset pages carry the last row's values of the
 * cursor columns (exactly as read: main binds them with the column's type), offset pages the count.
 * `withColumns` (documents, whose columns come from the rows): it names the columns loaded, which
 * the next page's rows keep in place.
 */
export function nextPage(
  state: PageState,
  store: RowStore,
  size: number | null,
  withColumns = false,
): TablePage | null {
  const loaded = store.rowCount
  const columns = withColumns ? { columns: store.columns.map((column) => column.name) } : {}
  if (state.info.mode === 'offset') return { size, offset: loaded, ...columns }
  const last = store.getRow(loaded - 1)
  if (!last) return null
  const after: WireValue[] = []
  for (const name of state.info.cursor) {
    const col = store.columns.findIndex((column) => column.name === name)
    if (col < 0) return null
    after.push(last[col] ?? null)
  }
  return { size, after, ...columns }
}
