import { useRef, type MouseEvent, type PointerEvent } from 'react'
import type { VirtualItem } from '@tanstack/react-virtual'
import type { ResultColumn } from '../../../shared/contract/model'
import { TID } from '../test-ids'
import { HEADER_HEIGHT } from './grid-layout'
import type { SortSpec } from './view/view-compute'

/** Props of the sticky header row. */
export interface GridHeaderProps {
  columns: readonly ResultColumn[]
  visibleColumns: readonly VirtualItem[]
  width: number
  gutter: number
  activeCol: number
  /** Called while a header edge is dragged, with the column's new width. */
  onResize: (col: number, width: number) => void
  /** Called when a header edge is double-clicked: fit the column to its content. */
  onFit: (col: number) => void
  /** The sort keys, most significant first: an arrow on each key's column, and its order number when several. */
  sorts?: readonly SortSpec[]
  /** Columns [from, to] of the selection, when it spans whole columns or the grid. */
  selectedCols?: readonly [number, number] | null
  /** A click on a header cell (sort, or select the column with a modifier). */
  onHeaderClick?: (col: number, e: MouseEvent) => void
  /** Columns with a values filter: the header's filter button is highlighted. */
  filteredCols?: ReadonlySet<number>
  /** Opens a column's values filter below its header. */
  onFilterMenu?: (col: number, x: number, y: number) => void
}

/** The header: column names with their types, sticky at the top; edges drag to resize. */
export function GridHeader(props: GridHeaderProps) {
  const {
    columns,
    visibleColumns,
    width,
    gutter,
    activeCol,
    onResize,
    onFit,
    sorts = [],
    selectedCols,
    onHeaderClick,
    filteredCols,
    onFilterMenu,
  } = props
  return (
    <div className="qgrid-header" role="row" aria-rowindex={1} style={{ width, height: HEADER_HEIGHT }}>
      <div className="qgrid-corner" style={{ width: gutter }} aria-hidden />
      {visibleColumns.map((vc) => {
        const column = columns[vc.index]!
        const order = sorts.findIndex((spec) => spec.col === vc.index)
        const sort = sorts[order]
        const filtered = filteredCols?.has(vc.index) ?? false
        return (
          <div
            key={vc.key}
            className="qgrid-header-cell"
            role="columnheader"
            aria-colindex={vc.index + 2}
            data-testid={TID.gridHeader}
            data-col={vc.index}
            data-active={vc.index === activeCol || undefined}
            data-selected={(selectedCols && vc.index >= selectedCols[0] && vc.index <= selectedCols[1]) || undefined}
            data-sort={sort ? (sort.descending ? 'desc' : 'asc') : undefined}
            data-sort-order={sort ? order + 1 : undefined}
            data-filtered={filtered || undefined}
            aria-sort={sort ? (sort.descending ? 'descending' : 'ascending') : undefined}
            title={`${column.type ? `${column.name}  ${column.type}` : column.name}\nClick: sort · Shift+click: add a sort key · Ctrl/Cmd+click: select column`}
            style={{ transform: `translateX(${vc.start}px)`, width: vc.size }}
            onClick={(e) => onHeaderClick?.(vc.index, e)}
          >
            <span className="qgrid-header-name">
              <span className="qgrid-header-label">{column.name}</span>
              {sort ? (
                <span className="qgrid-sort-arrow" data-testid={TID.gridSortButton}>
                  {sort.descending ? ' ↓' : ' ↑'}
                  {sorts.length > 1 ? <sup className="qgrid-sort-order">{order + 1}</sup> : null}
                </span>
              ) : null}
            </span>
            <span className="qgrid-header-type">{column.type ?? ' '}</span>
            {onFilterMenu ? (
              <button
                type="button"
                className="qgrid-filter-button"
                data-testid={TID.gridColumnFilterButton}
                data-active={filtered || undefined}
                aria-label={`Filter ${column.name} by value`}
                title={filtered ? 'Filtered: click to change' : 'Filter by value'}
                onMouseDown={(e) => e.stopPropagation()}
                onClick={(e) => {
                  e.stopPropagation()
                  const box = e.currentTarget.getBoundingClientRect()
                  onFilterMenu(vc.index, box.left, box.bottom + 2)
                }}
              >
                ▾
              </button>
            ) : null}
            <ResizeHandle col={vc.index} width={vc.size} onResize={onResize} onFit={onFit} />
          </div>
        )
      })}
    </div>
  )
}

interface ResizeHandleProps {
  col: number
  width: number
  onResize: (col: number, width: number) => void
  onFit: (col: number) => void
}

/** The right edge of a header cell: drag to resize (pointer capture keeps the drag alive outside the header), double-click to fit. */
function ResizeHandle({ col, width, onResize, onFit }: ResizeHandleProps) {
  const drag = useRef<{ x: number; width: number } | null>(null)
  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.preventDefault()
    e.stopPropagation()
    e.currentTarget.setPointerCapture(e.pointerId)
    drag.current = { x: e.clientX, width }
  }
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(col, drag.current.width + e.clientX - drag.current.x)
  }
  const up = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId)
  }
  return (
    <div
      className="qgrid-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize column"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      // A drag or double-click on the edge is not a click on the header (which sorts).
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation()
        onFit(col)
      }}
    />
  )
}
