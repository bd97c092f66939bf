import { countText } from '../../../shared/formats/count-text'
import { useEffect, useState } from 'react'
import { TID } from '../test-ids'
import type { ViewStatus } from './view/row-view'

/** Props of the strip above the grid. */
export interface GridToolbarProps {
  status: ViewStatus
  columnName: (col: number) => string
  onFilter: (text: string) => void
  /** Clears every column's values filter. */
  onClearColumnFilters: () => void
  /** A short message (copied N cells, too many to copy…), or null. */
  notice: string | null
}

/** Quick filter over the loaded rows, the view's sort and counts, and the last copy's notice. */
export function GridToolbar({ status, columnName, onFilter, onClearColumnFilters, notice }: GridToolbarProps) {
  const [text, setText] = useState(status.filter)
  // Typing is not held up by the filter: it runs shortly after the last key.
  useEffect(() => {
    const timer = setTimeout(() => onFilter(text), 150)
    return () => clearTimeout(timer)
  }, [text, onFilter])
  const { sort, sorts, shown, loaded, computing, lastMs, lastRows } = status
  const { columnFilters } = status
  const filtered = status.filter !== '' || columnFilters.length > 0
  const active = sort !== null || filtered
  return (
    <div className="qgrid-toolbar">
      <input
        type="search"
        className="qgrid-filter"
        placeholder="Filter loaded rows…"
        aria-label="Filter loaded rows"
        data-testid={TID.gridFilter}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setText('')
        }}
      />
      <span className="qgrid-view-status" data-testid={TID.gridViewStatus} data-computing={computing || undefined}>
        {computing ? 'Sorting/filtering…' : null}
        {!computing && active ? (
          <>
            {filtered ? `${shown.toLocaleString('en-US')} of ${countText(loaded, 'row')}` : null}
            {columnFilters.length > 0
              ? ` · ${columnFilters.map((f) => `${columnName(f.col)} in ${countText(f.values, 'value')}`).join(', ')}`
              : null}
            {sort
              ? ` sorted by ${sorts.map((key) => `${columnName(key.col)} ${key.descending ? '↓' : '↑'}`).join(', ')}`
              : null}
            {lastMs !== null ? ` · ${lastMs.toLocaleString('en-US')} ms over ${countText(lastRows, 'row')}` : null}
          </>
        ) : null}
      </span>
      {columnFilters.length > 0 ? (
        <button
          type="button"
          className="qgrid-clear-filters"
          data-testid={TID.gridClearColumnFilters}
          onClick={onClearColumnFilters}
        >
          Clear column filters
        </button>
      ) : null}
      {notice ? (
        <span className="qgrid-notice" data-testid={TID.gridNotice}>
          {notice}
        </span>
      ) : null}
    </div>
  )
}
