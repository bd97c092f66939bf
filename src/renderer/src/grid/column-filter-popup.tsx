import { countText } from '../../../shared/formats/count-text'
import type { EngineId } from '../../../shared/engines/engine-list'
import { useEffect, useRef, useState } from 'react'
import type { ResultColumn } from '../../../shared/contract/model'
import { TID } from '../test-ids'
import { formatCell } from './cell-format'
import { MAX_LISTED_VALUES, type ColumnValues } from './view/column-values'
import type { RowView } from './view/row-view'

/** The popup's widest (max-width in grid-tools.css). */
const POPUP_WIDTH = 360

/** Props of a column's values filter. */
export interface ColumnFilterPopupProps {
  view: RowView
  col: number
  column: ResultColumn
  engine: EngineId
  x: number
  y: number
  onClose: () => void
}

/**
 * A column header's quick filter: the column's distinct values over the loaded rows with their
 * counts (counted in slices after the popup opens, never while rendering), ticked to keep.
 */
export function ColumnFilterPopup({ view, col, column, engine, x, y, onClose }: ColumnFilterPopupProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [values, setValues] = useState<ColumnValues | null>(null)
  const [ticked, setTicked] = useState<Set<string> | null>(() => {
    const current = view.columnFilter(col)
    return current ? new Set(current) : null
  })
  const [search, setSearch] = useState('')
  useEffect(() => {
    const token = { cancelled: false }
    void view.columnValues(col, token).then((counted) => {
      if (counted && !token.cancelled) setValues(counted)
    })
    return () => {
      token.cancelled = true
    }
  }, [view, col])
  useEffect(() => {
    ref.current?.querySelector('input')?.focus()
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    window.addEventListener('mousedown', away, true)
    return () => window.removeEventListener('mousedown', away, true)
  }, [onClose])

  const all = values?.values ?? []
  // No filter yet: every value is ticked.
  const kept = ticked ?? new Set(all.map((v) => v.key))
  const toggle = (key: string) => {
    const next = new Set(kept)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    setTicked(next)
  }
  const needle = search.trim().toLowerCase()
  const shown = all
    .map((entry) => ({ ...entry, text: formatCell(entry.value, column, engine).text }))
    .filter((entry) => !needle || entry.text.toLowerCase().includes(needle))
  const apply = () => {
    const everything = all.every((v) => kept.has(v.key))
    view.setColumnFilter(col, everything ? null : kept)
    onClose()
  }
  return (
    <div
      ref={ref}
      className="qgrid-menu qgrid-column-filter"
      role="dialog"
      aria-label={`Filter ${column.name}`}
      data-testid={TID.gridColumnFilter}
      // Kept inside the window when the column is at its right edge.
      style={{ left: Math.max(0, Math.min(x, window.innerWidth - POPUP_WIDTH)), top: y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        } else if (e.key === 'Enter' && values && !values.tooMany) apply()
      }}
    >
      <input
        type="search"
        placeholder={`Values of ${column.name}…`}
        aria-label="Find a value"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {!values ? <p className="qgrid-column-filter-note">Counting values…</p> : null}
      {values?.tooMany ? (
        <p className="qgrid-column-filter-note">
          More than {MAX_LISTED_VALUES.toLocaleString('en-US')} distinct values in {values.rows.toLocaleString('en-US')}{' '}
          loaded rows: use the filter box above the grid.
        </p>
      ) : null}
      {values && !values.tooMany ? (
        <>
          <div className="qgrid-column-filter-actions">
            <button type="button" onClick={() => setTicked(new Set(all.map((v) => v.key)))}>
              All
            </button>
            <button type="button" onClick={() => setTicked(new Set())}>
              None
            </button>
            <span>{`${countText(all.length, 'value')} in ${countText(values.rows, 'row')}`}</span>
          </div>
          <div className="qgrid-column-filter-list" role="group" aria-label="Values">
            {shown.map((entry) => (
              <label key={entry.key} data-testid={TID.gridColumnFilterValue} data-value={entry.text}>
                <input type="checkbox" checked={kept.has(entry.key)} onChange={() => toggle(entry.key)} />
                <span className="qgrid-column-filter-text" data-null={entry.value === null || undefined}>
                  {entry.text === '' ? '(empty)' : entry.text}
                </span>
                <span className="qgrid-column-filter-count">{entry.count.toLocaleString('en-US')}</span>
              </label>
            ))}
          </div>
        </>
      ) : null}
      <div className="qgrid-column-filter-actions">
        <button
          type="button"
          data-testid={TID.gridColumnFilterClear}
          onClick={() => {
            view.setColumnFilter(col, null)
            onClose()
          }}
        >
          Clear filter
        </button>
        <button
          type="button"
          className="primary"
          data-testid={TID.gridColumnFilterApply}
          disabled={!values || values.tooMany}
          onClick={apply}
        >
          Apply
        </button>
      </div>
    </div>
  )
}
