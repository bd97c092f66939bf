import { countText } from '../../../shared/formats/count-text'
import type { RunState } from '../query/query-run'
import { TID } from '../test-ids'

/**
 * A paged table's rows (a collection's documents): "N rows loaded · more" while rows are left on
 * the server (the next page comes as the view nears the end), with Fetch all; "all N rows" once
 * the last page came.
 */
export function TablePagesStatus({
  state,
  noun = 'rows',
  onFetchAll,
}: {
  state: RunState
  noun?: 'rows' | 'documents'
  onFetchAll: () => void
}) {
  const page = state.page
  if (!page) return null
  const one = noun === 'rows' ? 'row' : 'document'
  const rows = countText(state.rowCount, one)
  const text = page.loading
    ? `${rows} loaded · reading ${page.loading === 'all' ? 'the rest' : 'more'}…`
    : page.more
      ? `${rows} loaded · more`
      : state.rowCount === 1
        ? `1 ${one} loaded`
        : `all ${rows} loaded`
  const title =
    page.info.mode === 'keyset'
      ? `Pages by key (${page.info.cursor.join(', ')}): each page reads the ${noun} after the last one loaded; nothing stays open between pages`
      : `Pages by offset: ${page.info.reason ?? ''}. A ${one} added or removed before the offset between pages shifts the next page`
  return (
    <span
      className="table-pages"
      data-testid={TID.tablePages}
      data-more={page.more}
      data-mode={page.info.mode}
      data-count={state.rowCount}
      title={title}
    >
      {text}
      {page.more ? (
        <button
          data-testid={TID.fetchAll}
          disabled={page.loading !== null || state.status === 'running'}
          title={`Read every ${one} left (streams them as a query does)`}
          onClick={onFetchAll}
        >
          Fetch all
        </button>
      ) : null}
    </span>
  )
}
