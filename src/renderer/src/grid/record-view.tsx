import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { EngineId } from '../../../shared/engines/engine-list'
import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { TID } from '../test-ids'
import { formatCell } from './cell-format'

/** What the record view reads: the grid's (sorted/filtered) rows. */
export interface RecordSource {
  readonly columns: readonly ResultColumn[]
  readonly rowCount: number
  get(row: number, col: number): WireValue
}

/** Props of the record view. */
export interface RecordViewProps {
  source: RecordSource
  /** Whose client's notation float values take. */
  engine: EngineId
  /** 0-based row shown (1-based on screen, like the gutter). */
  row: number
  onRow: (row: number) => void
  onClose: () => void
}

/**
 * One row transposed, column → value, for wide results: each value formatted exactly as the grid
 * shows it. Up/Down (or the ‹ › buttons) go to the previous/next row; a filter finds columns by name.
 */
export function RecordView({ source, engine, row, onRow, onClose }: RecordViewProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [filter, setFilter] = useState('')
  useEffect(() => ref.current?.focus(), [])
  const last = source.rowCount - 1
  const go = (next: number) => onRow(Math.max(0, Math.min(last, next)))
  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onClose()
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault()
      e.stopPropagation()
      go(row + (e.key === 'ArrowUp' ? -1 : 1))
    }
  }
  const needle = filter.trim().toLowerCase()
  const shown = source.columns
    .map((column, col) => ({ column, col }))
    .filter(({ column }) => !needle || column.name.toLowerCase().includes(needle))
  return (
    <div
      ref={ref}
      className="qgrid-viewer qgrid-record"
      role="dialog"
      aria-label="Record view"
      data-testid={TID.recordView}
      data-row={row}
      tabIndex={0}
      onKeyDown={keyDown}
    >
      <div className="qgrid-viewer-bar">
        <div className="qgrid-viewer-title">
          <span className="qgrid-viewer-column">Record</span>
          <span className="qgrid-viewer-meta" data-testid={TID.recordViewPosition}>
            row {(row + 1).toLocaleString('en-US')} of {source.rowCount.toLocaleString('en-US')} · ↑↓
          </span>
        </div>
        <button type="button" title="Previous row (↑)" disabled={row <= 0} onClick={() => go(row - 1)}>
          ‹
        </button>
        <button type="button" title="Next row (↓)" disabled={row >= last} onClick={() => go(row + 1)}>
          ›
        </button>
        <button type="button" className="qgrid-viewer-close" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <input
        type="search"
        className="qgrid-record-filter"
        placeholder="Find a column…"
        aria-label="Find a column"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="qgrid-record-body">
        <table>
          <tbody>
            {shown.map(({ column, col }) => {
              const cell = formatCell(source.get(row, col), column, engine)
              return (
                <tr key={col} data-testid={TID.recordViewField} data-col={col}>
                  <th title={column.type ?? ''}>
                    {column.name}
                    {column.type ? <span className="qgrid-record-type">{column.type}</span> : null}
                  </th>
                  <td className={`is-${cell.kind}`}>{cell.text}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
