import type { CellPos } from './cell-navigation'

/** What a selection spans: a block of cells, whole rows, whole columns, or everything. */
export type SelectionMode = 'cells' | 'rows' | 'columns' | 'all'

/** A selection resolved to a rectangle of the grid (inclusive bounds). */
export interface SelectionRect {
  row0: number
  row1: number
  col0: number
  col1: number
  mode: SelectionMode
}

/**
 * The grid's selection: an anchor and a focus (where shift+click, shift+arrows and drags extend
 * to), in one mode. Resolved against the grid's size on read, so rows that stream in later join
 * a whole-column or whole-grid selection. Plain TypeScript; the grid subscribes to it.
 */
export class SelectionModel {
  private anchor: CellPos | null = null
  private focus: CellPos | null = null
  private mode: SelectionMode = 'cells'
  private ownVersion = 0
  private readonly listeners = new Set<() => void>()

  get version(): number {
    return this.ownVersion
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.ownVersion

  /** A cell click (or a move without shift): that cell alone; with extend, the block to it. */
  selectCell(cell: CellPos, extend = false): void {
    this.select('cells', cell, extend)
  }

  /** A row header click: the whole row; with extend, every row from the anchor's. */
  selectRow(row: number, extend = false): void {
    this.select('rows', { row, col: 0 }, extend)
  }

  /** A column header click with the selection modifier: the whole column, or columns to it. */
  selectColumn(col: number, extend = false): void {
    this.select('columns', { row: 0, col }, extend)
  }

  /** Ctrl/Cmd+A. */
  selectAll(): void {
    this.set('all', { row: 0, col: 0 }, { row: 0, col: 0 })
  }

  /** Moves the focus (a drag or shift+arrow), keeping the anchor and the mode. */
  extendTo(cell: CellPos): void {
    if (!this.anchor) return this.selectCell(cell)
    const mode = this.mode === 'all' ? 'cells' : this.mode
    this.set(mode, this.anchor, cell)
  }

  clear(): void {
    if (!this.anchor) return
    this.anchor = this.focus = null
    this.changed()
  }

  /** The selection as a rectangle inside a grid of that size, or null when there is none. */
  rect(rowCount: number, colCount: number): SelectionRect | null {
    if (!this.anchor || !this.focus || colCount <= 0) return null
    const lastRow = rowCount - 1
    const lastCol = colCount - 1
    const [a, f] = [this.anchor, this.focus]
    const rows: [number, number] =
      this.mode === 'columns' || this.mode === 'all' ? [0, lastRow] : [Math.min(a.row, f.row), Math.max(a.row, f.row)]
    const cols: [number, number] =
      this.mode === 'rows' || this.mode === 'all' ? [0, lastCol] : [Math.min(a.col, f.col), Math.max(a.col, f.col)]
    const row0 = Math.max(0, rows[0])
    const row1 = Math.min(lastRow, rows[1])
    if (row1 < row0 && this.mode !== 'columns' && this.mode !== 'all') return null
    return { row0, row1, col0: Math.max(0, cols[0]), col1: Math.min(lastCol, cols[1]), mode: this.mode }
  }

  private select(mode: SelectionMode, cell: CellPos, extend: boolean): void {
    if (extend && this.anchor && this.mode === mode) this.set(mode, this.anchor, cell)
    else this.set(mode, cell, cell)
  }

  private set(mode: SelectionMode, anchor: CellPos, focus: CellPos): void {
    const same =
      mode === this.mode &&
      anchor.row === this.anchor?.row &&
      anchor.col === this.anchor.col &&
      focus.row === this.focus?.row &&
      focus.col === this.focus.col
    if (same) return
    this.mode = mode
    this.anchor = anchor
    this.focus = focus
    this.changed()
  }

  private changed(): void {
    this.ownVersion++
    for (const listener of [...this.listeners]) listener()
  }
}

/** Cells in a rectangle (what a copy would hold). */
export const rectCellCount = (rect: SelectionRect): number =>
  Math.max(0, rect.row1 - rect.row0 + 1) * (rect.col1 - rect.col0 + 1)
