import { ROW_HEIGHT } from './grid-layout'

/**
 * Tallest scroll canvas the grid builds for rows, px: under Chromium's cap on an element's height
 * (33,554,428 px, 2^25 layout units; the renderer only ever runs in Chromium). Up to 1.25M rows
 * scroll natively; past that the canvas stays this tall and scroll positions are scaled, so any
 * row count stays reachable.
 */
export const MAX_CANVAS_ROWS_HEIGHT = 30_000_000

/** Rows per page of row positions: rows are placed relative to their page, keeping numbers small. */
export const ROW_PAGE = 10_000

/** The rows to render: [first, end) with overscan, and where their page starts. */
export interface RowRange {
  first: number
  end: number
  /** First row of the page the rows are placed relative to. */
  base: number
}

/**
 * Where rows are for a given row count and viewport, in two coordinate systems: the content
 * offset (px from the first row's top to the viewport's top, as if the canvas were unbounded) and
 * the scroller's scrollTop. They are equal until the rows outgrow MAX_CANVAS_ROWS_HEIGHT; past
 * it, scrollTop is the content offset scaled into the canvas, end to end.
 */
export class RowViewport {
  constructor(
    readonly rowCount: number,
    /** Height of the area rows show in (the scroller's client height minus the header). */
    readonly viewportHeight: number,
    readonly maxCanvasRowsHeight: number = MAX_CANVAS_ROWS_HEIGHT,
  ) {}

  /** Height of all rows laid end to end. */
  get contentHeight(): number {
    return this.rowCount * ROW_HEIGHT
  }

  /** Height the canvas gives the rows. */
  get canvasRowsHeight(): number {
    return Math.min(this.contentHeight, this.maxCanvasRowsHeight)
  }

  get scaled(): boolean {
    return this.contentHeight > this.maxCanvasRowsHeight
  }

  get maxOffset(): number {
    return Math.max(0, this.contentHeight - this.viewportHeight)
  }

  get maxScrollTop(): number {
    return Math.max(0, this.canvasRowsHeight - this.viewportHeight)
  }

  clampOffset(offset: number): number {
    return Math.min(Math.max(0, offset), this.maxOffset)
  }

  /** The content offset a scrollTop stands for (the scrollbar was dragged, or the page scrolled). */
  offsetFromScrollTop(scrollTop: number): number {
    if (!this.scaled) return this.clampOffset(scrollTop)
    const max = this.maxScrollTop
    return max === 0 ? 0 : this.clampOffset((scrollTop / max) * this.maxOffset)
  }

  /** The scrollTop that shows a content offset. */
  scrollTopFromOffset(offset: number): number {
    if (!this.scaled) return this.clampOffset(offset)
    const max = this.maxOffset
    return max === 0 ? 0 : (this.clampOffset(offset) / max) * this.maxScrollTop
  }

  /**
   * Rows in view at `offset`, with `overscan` rows above and `below` rows below (as many as above
   * unless given), clamped to the result.
   */
  range(offset: number, overscan: number, below: number = overscan): RowRange {
    if (this.rowCount === 0) return { first: 0, end: 0, base: 0 }
    const top = Math.floor(offset / ROW_HEIGHT)
    const bottom = Math.ceil((offset + this.viewportHeight) / ROW_HEIGHT)
    const first = Math.max(0, top - overscan)
    const end = Math.min(this.rowCount, bottom + below)
    return { first, end, base: first - (first % ROW_PAGE) }
  }

  /**
   * How many row elements the grid keeps: an even number no range of this viewport outgrows (the
   * rows in view, one more for a partly shown row, the overscan either side). Rows are keyed by
   * `row % slots`, so a row scrolled out hands its element to the row scrolled in.
   */
  slots(overscan: number): number {
    const most = Math.ceil(this.viewportHeight / ROW_HEIGHT) + 1 + 2 * overscan
    return most + (most % 2)
  }

  /** The offset that brings `row` fully into view, moving as little as possible. */
  offsetToReveal(row: number, offset: number): number {
    const top = row * ROW_HEIGHT
    if (top < offset) return this.clampOffset(top)
    const bottom = top + ROW_HEIGHT
    if (bottom > offset + this.viewportHeight) return this.clampOffset(bottom - this.viewportHeight)
    return offset
  }

  /**
   * Translation of the rows' layer in the canvas: rows sit at (row − base) × ROW_HEIGHT inside it,
   * and the layer follows the viewport so the row at `offset` is at the viewport's top.
   */
  layerTop(offset: number, scrollTop: number, base: number, headerHeight: number): number {
    return scrollTop + headerHeight - offset + base * ROW_HEIGHT
  }
}
