import './grid.css'
import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { WireValue } from '../../../shared/contract/values'
import { TID } from '../test-ids'
import type { CellPos } from './cell-navigation'
import { CellViewer } from './cell-viewer'
import { GridHeader } from './grid-header'
import { GRID_FONTS, gutterWidth, ROW_HEIGHT } from './grid-layout'
import { GridModel } from './grid-model'
import { GridRow } from './grid-row'
import type { RowStore } from './row-store'
import { createTextMeasure } from './text-measure'
import { useRowWindow } from './use-row-window'

/** Props of the result grid. */
export interface ResultGridProps {
  /** The rows to show; the grid follows its change signal while rows stream in. */
  store: RowStore
  /** Shown when the result has columns but no rows; pass '' while rows may still come. */
  emptyText?: string
  className?: string
}

interface OpenCell extends CellPos {
  value: WireValue
  /** The result it was opened on: a viewer does not outlive its result. */
  generation: number
}

const FONT_VARS = {
  '--qgrid-font': GRID_FONTS.cell,
  '--qgrid-font-name': GRID_FONTS.name,
  '--qgrid-font-type': GRID_FONTS.type,
} as CSSProperties

/**
 * A query result, virtualised in both directions: only the rows and columns in view are in the
 * DOM. Rows are read from the store by index at render time; React state holds only the viewer.
 */
export function ResultGrid({ store, emptyText = 'No rows', className }: ResultGridProps) {
  const model = useMemo(() => new GridModel(store, createTextMeasure()), [store])
  // One snapshot for the store's throttled signal and the model's own changes: no setState per batch.
  useSyncExternalStore(model.subscribe, model.getVersion)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const [viewer, setViewer] = useState<OpenCell | null>(null)

  const { columns, rowCount } = store
  const { widths, active, generation, layoutVersion } = model
  const gutter = gutterWidth(rowCount)
  const getScrollElement = useCallback(() => scrollerRef.current, [])

  const rows = useRowWindow(scrollerRef, rowCount, generation)
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement,
    estimateSize: (i) => widths[i] ?? 100,
    // Columns are few next to rows; a wide margin keeps horizontal scrolling from showing blanks.
    overscan: 8,
    paddingStart: gutter,
    scrollPaddingStart: gutter,
  })

  // Widths live in the model; the column virtualizer caches positions until told to re-measure.
  useLayoutEffect(() => colVirtualizer.measure(), [layoutVersion, colVirtualizer])

  // A new result starts at the left (and, through useRowWindow, at the top). Growth never moves it.
  useLayoutEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollLeft = 0
  }, [generation])

  const open = (cell: CellPos) => {
    model.setActive(cell)
    setViewer({ ...cell, value: store.get(cell.row, cell.col), generation })
  }
  const close = () => {
    setViewer(null)
    scrollerRef.current?.focus({ preventScroll: true })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey) return
    const current = model.active
    if (e.key === 'Enter' && current) {
      e.preventDefault()
      open(current)
      return
    }
    const next = model.move({ key: e.key, ctrl: e.ctrlKey || e.metaKey }, rows.pageRows)
    if (!next) return
    e.preventDefault()
    rows.reveal(next.row)
    colVirtualizer.scrollToIndex(next.col, { align: 'auto' })
  }
  const onMouseDown = (e: MouseEvent) => {
    const cell = cellAt(e.target)
    if (cell) model.setActive(cell)
  }
  const onDoubleClick = (e: MouseEvent) => {
    const cell = cellAt(e.target)
    if (cell) open(cell)
  }
  const onResize = useCallback((col: number, px: number) => model.resize(col, px), [model])
  const onFit = (col: number) => {
    model.fitColumn(col, rows.range.first, rows.range.end)
  }

  const width = colVirtualizer.getTotalSize()
  const visibleColumns = colVirtualizer.getVirtualItems()
  const activeCol = active?.col ?? -1

  return (
    <div className={className ? `qgrid ${className}` : 'qgrid'} data-testid={TID.grid} style={FONT_VARS}>
      <div
        ref={scrollerRef}
        className="qgrid-scroller"
        data-testid={TID.gridScroller}
        role="grid"
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onMouseDown={onMouseDown}
        onDoubleClick={onDoubleClick}
      >
        <div className="qgrid-canvas" style={{ width, height: rows.canvasHeight }}>
          {columns.length > 0 && (
            <GridHeader
              columns={columns}
              visibleColumns={visibleColumns}
              width={width}
              gutter={gutter}
              activeCol={activeCol}
              onResize={onResize}
              onFit={onFit}
            />
          )}
          <div className="qgrid-rows" style={{ transform: `translateY(${rows.layerTop}px)`, width }}>
            {rowIndexes(rows.range.first, rows.range.end).map((row) => (
              <GridRow
                key={row}
                source={store}
                row={row}
                top={(row - rows.range.base) * ROW_HEIGHT}
                columns={columns}
                visibleColumns={visibleColumns}
                width={width}
                gutter={gutter}
                activeCol={active?.row === row ? activeCol : -1}
                generation={generation}
              />
            ))}
          </div>
        </div>
        {columns.length > 0 && rowCount === 0 && emptyText && <div className="qgrid-empty">{emptyText}</div>}
      </div>
      {viewer?.generation === generation && (
        <CellViewer
          key={`${viewer.row}:${viewer.col}`}
          value={viewer.value}
          column={columns[viewer.col]}
          row={viewer.row}
          onClose={close}
        />
      )}
    </div>
  )
}

function rowIndexes(first: number, end: number): number[] {
  const out = new Array<number>(Math.max(0, end - first))
  for (let i = 0; i < out.length; i++) out[i] = first + i
  return out
}

/** The cell under a mouse event, from the data attributes every cell carries. */
function cellAt(target: EventTarget): CellPos | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('[data-row][data-col]') : null
  if (!cell) return null
  return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) }
}
