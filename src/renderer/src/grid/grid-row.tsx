import { memo, type CSSProperties } from 'react'
import type { EngineId } from '../../../shared/engines/engine-list'
import type { VirtualItem } from '@tanstack/react-virtual'
import type { ResultColumn } from '../../../shared/contract/model'
import { TID } from '../test-ids'
import { formatCell } from './cell-format'
import type { GridEditMarks } from './grid-edits'
import { ROW_HEIGHT } from './grid-layout'
import type { GridSource } from './grid-model'

/** Props of one rendered row. */
export interface GridRowProps {
  source: GridSource
  row: number
  /** Top of the row in the rows' layer (relative to its page of rows), px. */
  top: number
  columns: readonly ResultColumn[]
  /** Whose client's notation float cells take. */
  engine: EngineId
  /** The columns in view: a stable array from the column virtualizer while the range holds. */
  visibleColumns: readonly VirtualItem[]
  width: number
  gutter: number
  /** Column of the active cell when it is in this row, else -1. */
  activeCol: number
  /** New for each result, so a recycled row index never shows the previous result's values. */
  generation: number
  /** Selected columns [from, to] of this row, or -1/-1 when the row holds no selected cell. */
  selFrom?: number
  selTo?: number
  /** Changes when the view's sort or filter changes which row shows at this index. */
  order?: number
  /** Columns whose values are foreign-key links: a non-NULL value shows an arrow that follows it. */
  linkCols?: ReadonlySet<number> | undefined
  /** Staged edits by this row's index (display row); with `marksVersion` changing when they do. */
  marks?: GridEditMarks | undefined
  marksVersion?: string | undefined
  /** Why a column's cells are read-only (the grid edits), shown as their tooltip. */
  readOnly?: ((col: number) => string | null) | undefined
}

/**
 * The cells' styles for a set of visible columns, made once per set and shared by every row: a row
 * that shows another row (its element is reused, see rowsBySlot) then leaves its cells' styles as
 * they are instead of React comparing a new style object per cell.
 */
const cellStyles = new WeakMap<readonly VirtualItem[], CSSProperties[]>()
function stylesOf(visibleColumns: readonly VirtualItem[]): CSSProperties[] {
  let styles = cellStyles.get(visibleColumns)
  if (!styles) {
    styles = visibleColumns.map((vc) => ({ left: vc.start, width: vc.size }))
    cellStyles.set(visibleColumns, styles)
  }
  return styles
}

/**
 * One row: a sticky row number and the visible cells. Memoised because rows are append-only: a
 * row still in view after a scroll or a new batch renders nothing new.
 */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const {
    source,
    row,
    top,
    columns,
    engine,
    visibleColumns,
    width,
    gutter,
    activeCol,
    selFrom = -1,
    selTo = -1,
    linkCols,
    marks,
    readOnly,
  } = props
  const rowMark = marks?.rowMark(row) ?? null
  const styles = stylesOf(visibleColumns)
  return (
    <div
      className="qgrid-row"
      role="row"
      aria-rowindex={row + 2}
      data-odd={row % 2 === 1 || undefined}
      data-staged={rowMark ?? undefined}
      style={{ top, width, height: ROW_HEIGHT }}
    >
      <div
        className="qgrid-gutter"
        role="rowheader"
        data-testid={TID.gridRowHeader}
        data-row-header={row}
        data-selected={(selFrom >= 0 && selFrom === 0 && selTo === columns.length - 1) || undefined}
        style={{ width: gutter }}
      >
        {rowMark === 'new' ? '+' : row + 1}
      </div>
      {visibleColumns.map((vc, i) => {
        const mark = marks?.cellMark(row, vc.index) ?? null
        const { text, kind } =
          mark?.kind === 'default'
            ? { text: 'DEFAULT', kind: 'default' }
            : formatCell(source.get(row, vc.index), columns[vc.index], engine)
        const link = kind !== 'null' && linkCols?.has(vc.index) === true
        const title = link
          ? 'Ctrl/Cmd+click or the arrow: open the referenced row'
          : mark?.kind === 'changed'
            ? `Was: ${mark.original === undefined ? '(new row)' : formatCell(mark.original, columns[vc.index], engine).text}`
            : (readOnly?.(vc.index) ?? undefined)
        return (
          <div
            key={vc.key}
            className={`qgrid-cell is-${kind}`}
            role="gridcell"
            aria-colindex={vc.index + 2}
            aria-selected={vc.index === activeCol}
            data-testid={TID.gridCell}
            data-row={row}
            data-col={vc.index}
            data-active={vc.index === activeCol || undefined}
            data-selected={(vc.index >= selFrom && vc.index <= selTo) || undefined}
            // The arrow is drawn by CSS (not text: copies and the cell's text stay the value alone).
            data-link={link || undefined}
            data-changed={mark?.kind === 'changed' || undefined}
            title={title}
            style={styles[i]}
          >
            {text}
          </div>
        )
      })}
    </div>
  )
})
