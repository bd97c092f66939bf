import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { clampCell, nextCell, type CellPos, type GridBounds, type NavKey } from './cell-navigation'
import {
  clampWidth,
  estimateText,
  initialColumnWidth,
  MAX_FIT_WIDTH,
  WIDTH_SAMPLE_ROWS,
  type TextMeasure,
} from './column-widths'

/** What the grid reads rows from; RowStore is one. */
export interface GridSource {
  readonly columns: readonly ResultColumn[]
  readonly rowCount: number
  /** Changes whenever the source signals a change. */
  readonly version: number
  get(row: number, col: number): WireValue
  subscribe(listener: () => void): () => void
}

/**
 * The grid's state apart from the rows: column widths and the active cell. Plain TypeScript so it
 * is tested without a DOM. State derived from the source (widths, clamping) is brought up to date
 * lazily on read, so it is never stale and never mutated in the middle of a React render's effects.
 */
export class GridModel {
  private widthList: number[] = []
  private readonly resized = new Set<number>()
  private columnsRef: readonly ResultColumn[] | null = null
  private sizedFromRows = false
  private activeCell: CellPos | null = null
  private seenSourceVersion = -1
  private ownVersion = 0
  private layout = 0
  private generationCount = 0
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly source: GridSource,
    private readonly measure: TextMeasure = estimateText,
  ) {}

  /** Width in px of each column. */
  get widths(): readonly number[] {
    this.sync()
    return this.widthList
  }

  /** Changes when any width changes, so the column virtualizer knows to re-measure. */
  get layoutVersion(): number {
    this.sync()
    return this.layout
  }

  /** Changes when a new result starts (new columns): scroll and viewer reset on it. */
  get generation(): number {
    this.sync()
    return this.generationCount
  }

  /** The active (focused) cell, always inside the result; null when none. */
  get active(): CellPos | null {
    this.sync()
    return this.activeCell
  }

  /** Snapshot for useSyncExternalStore: changes when the source or the model changes. */
  getVersion = (): number => this.source.version + this.ownVersion

  /** Hears both the source's throttled signal and the model's own changes. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    const offSource = this.source.subscribe(listener)
    return () => {
      this.listeners.delete(listener)
      offSource()
    }
  }

  /** Sets a column's width (a drag on the header edge). */
  resize(col: number, px: number): void {
    this.sync()
    if (col < 0 || col >= this.widthList.length) return
    const width = clampWidth(px)
    if (width === this.widthList[col]) return
    this.widthList = this.widthList.map((w, i) => (i === col ? width : w))
    this.resized.add(col)
    this.layout++
    this.changed()
  }

  /** Fits a column to its header and the values of rows [from, to) (those in view). */
  fitColumn(col: number, from: number, to: number): void {
    const column = this.source.columns[col]
    if (!column) return
    const end = Math.min(to, this.source.rowCount, from + WIDTH_SAMPLE_ROWS)
    const sample: WireValue[] = []
    for (let row = Math.max(0, from); row < end; row++) sample.push(this.source.get(row, col))
    this.resize(col, initialColumnWidth(column, sample, this.measure, MAX_FIT_WIDTH))
  }

  /** Makes a cell active (clamped to the result), or none. */
  setActive(cell: CellPos | null): void {
    this.sync()
    const next = clampCell(cell, this.source.rowCount, this.widthList.length)
    if (next?.row === this.activeCell?.row && next?.col === this.activeCell?.col) return
    this.activeCell = next
    this.changed()
  }

  /** Applies a navigation key; returns the new active cell, or null when the key is not one. */
  move(key: NavKey, pageSize: number): CellPos | null {
    this.sync()
    const bounds: GridBounds = { rowCount: this.source.rowCount, colCount: this.widthList.length, pageSize }
    const next = nextCell(this.activeCell, key, bounds)
    if (next) this.setActive(next)
    return next
  }

  private sync(): void {
    const version = this.source.version
    if (version === this.seenSourceVersion) return
    this.seenSourceVersion = version
    const columns = this.source.columns
    if (columns !== this.columnsRef) {
      this.columnsRef = columns
      this.resized.clear()
      this.activeCell = null
      this.sizedFromRows = false
      this.generationCount++
      this.widthList = columns.map((_, col) => this.measureColumn(col))
      this.layout++
    } else if (!this.sizedFromRows && this.source.rowCount > 0) {
      // The header alone gave the first widths; the first batch refines those not dragged yet.
      this.widthList = this.widthList.map((w, col) => (this.resized.has(col) ? w : this.measureColumn(col)))
      this.layout++
    }
    this.sizedFromRows ||= this.source.rowCount > 0
    this.activeCell = clampCell(this.activeCell, this.source.rowCount, columns.length)
  }

  private measureColumn(col: number): number {
    const rows = Math.min(this.source.rowCount, WIDTH_SAMPLE_ROWS)
    const sample: WireValue[] = []
    for (let row = 0; row < rows; row++) sample.push(this.source.get(row, col))
    return initialColumnWidth(this.columnsRef![col]!, sample, this.measure)
  }

  private changed(): void {
    this.ownVersion++
    for (const listener of [...this.listeners]) listener()
  }
}
