import { useRef, type PointerEvent } from 'react'
import type { VirtualItem } from '@tanstack/react-virtual'
import type { ResultColumn } from '../../../shared/contract/model'
import { TID } from '../test-ids'
import { HEADER_HEIGHT } from './grid-layout'

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
}

/** The header: column names with their types, sticky at the top; edges drag to resize. */
export function GridHeader({ columns, visibleColumns, width, gutter, activeCol, onResize, onFit }: GridHeaderProps) {
  return (
    <div className="qgrid-header" role="row" aria-rowindex={1} style={{ width, height: HEADER_HEIGHT }}>
      <div className="qgrid-corner" style={{ width: gutter }} aria-hidden />
      {visibleColumns.map((vc) => {
        const column = columns[vc.index]!
        return (
          <div
            key={vc.key}
            className="qgrid-header-cell"
            role="columnheader"
            aria-colindex={vc.index + 2}
            data-testid={TID.gridHeader}
            data-col={vc.index}
            data-active={vc.index === activeCol || undefined}
            title={column.type ? `${column.name}  ${column.type}` : column.name}
            style={{ transform: `translateX(${vc.start}px)`, width: vc.size }}
          >
            <span className="qgrid-header-name">{column.name}</span>
            <span className="qgrid-header-type">{column.type ?? ' '}</span>
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
      onDoubleClick={(e) => {
        e.stopPropagation()
        onFit(col)
      }}
    />
  )
}
