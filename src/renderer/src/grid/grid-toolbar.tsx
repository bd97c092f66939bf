import { useEffect, useState } from 'react'
import { TID } from '../test-ids'
import type { ViewStatus } from './view/row-view'

/** Props of the strip above the grid. */
export interface GridToolbarProps {
  status: ViewStatus
  columnName: (col: number) => string
  onFilter: (text: string) => void
  /** A short message (copied N cells, too many to copy…), or null. */
  notice: string | null
}

/** Quick filter over the loaded rows, the view's sort and counts, and the last copy's notice. */
export function GridToolbar({ status, columnName, onFilter, notice }: GridToolbarProps) {
  const [text, setText] = useState(status.filter)
  // Typing is not held up by the filter: it runs shortly after the last key.
  useEffect(() => {
    const timer = setTimeout(() => onFilter(text), 150)
    return () => clearTimeout(timer)
  }, [text, onFilter])
  const { sort, sorts, shown, loaded, computing, lastMs, lastRows } = status
  const active = sort !== null || status.filter !== ''
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
            {status.filter ? `${shown.toLocaleString('en-US')} of ${loaded.toLocaleString('en-US')} rows` : null}
            {sort
              ? ` sorted by ${sorts.map((key) => `${columnName(key.col)} ${key.descending ? '↓' : '↑'}`).join(', ')}`
              : null}
            {lastMs !== null
              ? ` · ${lastMs.toLocaleString('en-US')} ms over ${lastRows.toLocaleString('en-US')} rows`
              : null}
          </>
        ) : null}
      </span>
      {notice ? (
        <span className="qgrid-notice" data-testid={TID.gridNotice}>
          {notice}
        </span>
      ) : null}
    </div>
  )
}
