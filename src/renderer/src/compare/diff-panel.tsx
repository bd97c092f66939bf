import './compare.css'
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { EngineId } from '../../../shared/engines/engine-list'
import { fullText } from '../grid/cell-format'
import { TID } from '../test-ids'
import { DiffCells, DiffGrid, type DiffCursor } from './diff-grid'
import { countsText, filterRows, nextDifference, type DiffFilter } from './diff-view'
import type { Pin } from './pin-board'
import { PinIcon } from './pin-icon'
import type { DiffResult } from './result-diff'
import type { RowStore } from '../grid/row-store'

/** A finished compare: what was compared with what, on which key. */
export interface Comparison {
  diff: DiffResult
  current: RowStore
  pin: Pin
  key: string[]
  ms: number
}

const FILTERS: { id: DiffFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'changed', label: '~ Changed' },
  { id: 'added', label: '+ Added' },
  { id: 'removed', label: '− Removed' },
  { id: 'same', label: 'Same' },
]

const shortText = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text)

/**
 * The diff of the current result against a pinned one: counts, a status filter, next/previous
 * difference (F7 / Shift+F7), the rows, and the active cell's value beside its pinned one.
 */
export function DiffPanel(props: { comparison: Comparison; engine?: EngineId | undefined; onClose: () => void }) {
  const { comparison, engine, onClose } = props
  const { diff, pin, key, current } = comparison
  const [filter, setFilter] = useState<DiffFilter>('all')
  const [cursor, setCursor] = useState<DiffCursor | null>(null)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const cells = useMemo(() => new DiffCells(diff, current, pin.store), [diff, current, pin.store])
  const rows = useMemo(() => filterRows(diff, filter), [diff, filter])
  const counts = diff.counts
  const countOf: Record<DiffFilter, number> = {
    all: diff.status.length,
    ...counts,
  }

  const step = (dir: 1 | -1): void => {
    const next = nextDifference(diff, rows, cursor?.row ?? (dir === 1 ? -1 : rows.length), dir)
    if (next < 0) return
    // On a changed row, land on its first changed cell.
    const i = rows[next]!
    let col = cursor?.col ?? 0
    for (let c = 0; c < cells.names.length; c++)
      if (cells.cell(i, c).old !== undefined) {
        col = c
        break
      }
    setCursor({ row: next, col })
    scrollerRef.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'F7') {
      event.preventDefault()
      step(event.shiftKey ? -1 : 1)
      return
    }
    const move: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    const by = move[event.key]
    if (!by || rows.length === 0) return
    event.preventDefault()
    const from = cursor ?? { row: 0, col: 0 }
    setCursor({
      row: Math.min(rows.length - 1, Math.max(0, from.row + by[0])),
      col: Math.min(cells.names.length - 1, Math.max(0, from.col + by[1])),
    })
  }

  const active = cursor && cursor.row < rows.length ? cells.cell(rows[cursor.row]!, cursor.col) : null
  const notes: string[] = []
  if (diff.onlyPinned.length > 0) notes.push(`Only in the pinned result: ${diff.onlyPinned.join(', ')}`)
  if (diff.onlyCurrent.length > 0) notes.push(`Only in this result: ${diff.onlyCurrent.join(', ')}`)
  if (diff.duplicateKeys > 0)
    notes.push(`${diff.duplicateKeys.toLocaleString('en-US')} rows repeat a key already matched: shown as added`)
  return (
    <div className="diff-panel" data-testid={TID.diffPanel}>
      <div className="diff-bar">
        <span
          className="diff-counts"
          data-testid={TID.diffCounts}
          data-added={counts.added}
          data-removed={counts.removed}
          data-changed={counts.changed}
          data-same={counts.same}
          title={`Compared with the pinned ${pin.source} on ${key.join(', ')} in ${Math.round(comparison.ms)} ms`}
        >
          <span className="diff-added">+{counts.added.toLocaleString('en-US')}</span>{' '}
          <span className="diff-removed">−{counts.removed.toLocaleString('en-US')}</span>{' '}
          <span className="diff-changed">~{counts.changed.toLocaleString('en-US')}</span>{' '}
          <span className="diff-of">{countsText(counts).replace(/^.* of /, 'of ')}</span>
        </span>
        <span className="diff-against" title={pin.sql}>
          vs <PinIcon /> {pin.source} · key {key.join(', ')}
        </span>
        <div className="segmented diff-filters" role="tablist">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              role="tab"
              aria-selected={filter === f.id}
              data-testid={TID.diffFilter}
              data-filter={f.id}
              onClick={() => {
                setFilter(f.id)
                setCursor(null)
              }}
            >
              {f.label} {countOf[f.id].toLocaleString('en-US')}
            </button>
          ))}
        </div>
        <button data-testid={TID.diffPrevious} title="Previous difference (Shift+F7)" onClick={() => step(-1)}>
          ↑
        </button>
        <button data-testid={TID.diffNext} title="Next difference (F7)" onClick={() => step(1)}>
          ↓
        </button>
        <span className="modal-spacer" />
        <button data-testid={TID.diffClose} title="Back to the result" onClick={onClose}>
          ✕ Close compare
        </button>
      </div>
      {notes.length > 0 ? (
        <div className="result-note diff-note" data-testid={TID.diffNote} role="status">
          {notes.join(' · ')}
        </div>
      ) : null}
      <DiffGrid
        cells={cells}
        rows={rows}
        engine={engine}
        cursor={cursor}
        onCursor={setCursor}
        onKeyDown={onKeyDown}
        scrollerRef={scrollerRef}
      />
      <div className="diff-viewer" data-testid={TID.diffViewer}>
        {active && cursor ? (
          <>
            <strong>{cells.names[cursor.col]}</strong>:{' '}
            <span className="diff-viewer-now">{shortText(fullText(active.value, active.column, engine))}</span>
            {active.old !== undefined ? (
              <>
                {' '}
                <span className="diff-viewer-was">was {shortText(fullText(active.old, active.column, engine))}</span>
              </>
            ) : null}
          </>
        ) : (
          <span className="diff-viewer-hint">
            F7 / Shift+F7: next / previous difference · hover a tinted cell for its pinned value
          </span>
        )}
      </div>
    </div>
  )
}
