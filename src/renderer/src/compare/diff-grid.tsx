import { useEffect, useMemo, type CSSProperties, type KeyboardEvent } from 'react'
import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import type { EngineId } from '../../../shared/engines/engine-list'
import { formatCell, fullText } from '../grid/cell-format'
import { initialColumnWidth, WIDTH_SAMPLE_ROWS, type TextMeasure } from '../grid/column-widths'
import { GRID_FONTS, HEADER_HEIGHT, ROW_HEIGHT } from '../grid/grid-layout'
import { createTextMeasure } from '../grid/text-measure'
import type { RowStore } from '../grid/row-store'
import { useRowWindow } from '../grid/use-row-window'
import { TID } from '../test-ids'
import { STATUS_MARK, STATUS_NAME, cellChanged } from './diff-view'
import { REMOVED, type DiffResult, type DiffStatus } from './result-diff'

const STATUS_WIDTH = 34

const FONT_VARS = {
  '--qgrid-font': GRID_FONTS.cell,
  '--qgrid-font-name': GRID_FONTS.name,
} as CSSProperties

/** A cell of the diff: what it shows now, and what the pinned result held when it changed. */
export interface DiffCell {
  value: WireValue
  /** The pinned value, for a changed cell; undefined otherwise. */
  old?: WireValue
  /** A column the row's side does not have (shown blank). */
  missing: boolean
  column: ResultColumn | undefined
}

/** The columns a diff shows (the current result's, then the pinned result's other ones) and how to read a cell. */
export class DiffCells {
  readonly names: string[]
  private readonly pinnedOnly: number[]

  constructor(
    readonly diff: DiffResult,
    readonly current: RowStore,
    readonly pinned: RowStore,
  ) {
    const currentNames = current.columns.map((column) => column.name)
    this.pinnedOnly = pinned.columns.flatMap((column, c) => (currentNames.includes(column.name) ? [] : [c]))
    this.names = [...currentNames, ...this.pinnedOnly.map((c) => pinned.columns[c]!.name)]
  }

  /** The result column shown at `col` (the current result's, else the pinned result's). */
  column(col: number): ResultColumn {
    const shown = this.current.columns.length
    return col < shown ? this.current.columns[col]! : this.pinned.columns[this.pinnedOnly[col - shown]!]!
  }

  /**
   * Each column's width as the result grid sizes its own (header and the widest of the first rows'
   * values), from the diff's first rows in its order, so a filter does not move the columns.
   */
  widths(measure?: TextMeasure): number[] {
    const rows = Math.min(this.diff.status.length, WIDTH_SAMPLE_ROWS)
    return this.names.map((_, col) => {
      const sample: WireValue[] = []
      for (let i = 0; i < rows; i++) {
        const cell = this.cell(i, col)
        if (!cell.missing) sample.push(cell.value)
      }
      return initialColumnWidth(this.column(col), sample, measure)
    })
  }

  status(i: number): DiffStatus {
    return this.diff.status[i] as DiffStatus
  }

  cell(i: number, col: number): DiffCell {
    const { diff, current, pinned } = this
    const shown = current.columns.length
    const pinnedRow = diff.pinnedRow[i]!
    if (col >= shown) {
      const pc = this.pinnedOnly[col - shown]!
      const missing = pinnedRow < 0
      return { value: missing ? null : pinned.get(pinnedRow, pc), missing, column: pinned.columns[pc] }
    }
    const pc = diff.pinnedColumnOf[col]!
    if (diff.status[i] === REMOVED)
      return { value: pc < 0 ? null : pinned.get(pinnedRow, pc), missing: pc < 0, column: current.columns[col] }
    const value = current.get(diff.currentRow[i]!, col)
    if (!cellChanged(diff, i, col)) return { value, missing: false, column: current.columns[col] }
    return { value, old: pinned.get(pinnedRow, pc), missing: false, column: current.columns[col] }
  }
}

/** Where the diff's cursor is: a shown row (index into `rows`) and a column. */
export interface DiffCursor {
  row: number
  col: number
}

/**
 * The diff's rows, virtualised (fixed-height rows, any count): a status column (+ added,
 * − removed, ~ changed), changed cells tinted with the pinned value in their tooltip.
 */
export function DiffGrid(props: {
  cells: DiffCells
  rows: Int32Array
  engine?: EngineId | undefined
  cursor: DiffCursor | null
  onCursor: (cursor: DiffCursor) => void
  onKeyDown: (event: KeyboardEvent) => void
  scrollerRef: React.RefObject<HTMLDivElement | null>
}) {
  const { cells, rows, engine, cursor, onCursor } = props
  const rowWindow = useRowWindow(props.scrollerRef, rows.length, rows)
  const cursorRow = cursor?.row ?? null
  const { reveal } = rowWindow
  // The active row is kept in view (F7 may land far below).
  useEffect(() => {
    if (cursorRow !== null) reveal(cursorRow)
  }, [cursorRow, reveal])
  const widths = useMemo(() => cells.widths(createTextMeasure()), [cells])
  const lefts = useMemo(() => {
    const at = [STATUS_WIDTH]
    for (const w of widths) at.push(at[at.length - 1]! + w)
    return at
  }, [widths])
  const width = lefts[lefts.length - 1]!
  const shown = useMemo(() => {
    const list: number[] = []
    for (let r = rowWindow.range.first; r < rowWindow.range.end; r++) list.push(r)
    return list
  }, [rowWindow.range.first, rowWindow.range.end])
  return (
    <div className="qgrid diff-grid" style={FONT_VARS} data-testid={TID.diffGrid}>
      <div
        ref={props.scrollerRef}
        className="qgrid-scroller"
        role="grid"
        tabIndex={0}
        aria-rowcount={rows.length + 1}
        onKeyDown={props.onKeyDown}
      >
        <div className="qgrid-canvas" style={{ width, height: rowWindow.canvasHeight }}>
          <div className="qgrid-header diff-header" style={{ width, height: HEADER_HEIGHT }}>
            <div className="qgrid-header-cell diff-status-cell" style={{ width: STATUS_WIDTH }} />
            {cells.names.map((name, c) => (
              <div
                key={c}
                className="qgrid-header-cell"
                data-testid={TID.diffHeader}
                data-only-pinned={c >= cells.current.columns.length || undefined}
                style={{ left: lefts[c], width: widths[c] }}
                title={c >= cells.current.columns.length ? `${name}: only in the pinned result` : name}
              >
                <span className="qgrid-header-name">{name}</span>
              </div>
            ))}
          </div>
          <div className="qgrid-rows" style={{ transform: `translateY(${rowWindow.layerTop}px)`, width }}>
            {shown.map((r) => {
              const i = rows[r]!
              const status = cells.status(i)
              return (
                <div
                  key={r}
                  className="qgrid-row diff-row"
                  data-testid={TID.diffRow}
                  data-status={STATUS_NAME[status]}
                  data-odd={r % 2 === 1 || undefined}
                  style={{ top: (r - rowWindow.range.base) * ROW_HEIGHT, width, height: ROW_HEIGHT }}
                >
                  <div
                    className="qgrid-cell diff-status-cell"
                    style={{ width: STATUS_WIDTH }}
                    title={STATUS_NAME[status]}
                  >
                    {STATUS_MARK[status]}
                  </div>
                  {cells.names.map((name, c) => {
                    const cell = cells.cell(i, c)
                    const formatted = formatCell(cell.value, cell.column, engine)
                    const changed = cell.old !== undefined
                    const active = cursor?.row === r && cursor.col === c
                    return (
                      <div
                        key={c}
                        className={`qgrid-cell is-${cell.missing ? 'missing' : formatted.kind}`}
                        data-testid={TID.diffCell}
                        data-col={name}
                        data-changed={changed || undefined}
                        data-active={active || undefined}
                        style={{ left: lefts[c], width: widths[c] }}
                        title={changed ? `was: ${fullText(cell.old ?? null, cell.column, engine)}` : undefined}
                        onMouseDown={() => onCursor({ row: r, col: c })}
                      >
                        {cell.missing ? '' : formatted.text}
                      </div>
                    )
                  })}
                </div>
              )
            })}
          </div>
        </div>
      </div>
    </div>
  )
}
