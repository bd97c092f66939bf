/** Height of a data row in px; fixed, so row positions are arithmetic. */
export const ROW_HEIGHT = 24
/** Height of the sticky header (name line and type line). */
export const HEADER_HEIGHT = 38

/*
 * Scroll height is ROW_HEIGHT x rowCount + HEADER_HEIGHT: 24,000,038 px for 1,000,000 rows.
 * Chromium caps an element's height near 33,554,428 px (2^25 layout units), about 1.39M rows at
 * 24 px; past that the last rows cannot be scrolled to without a scaled scroll position.
 */

/** Width of the sticky row-number gutter: room for the largest row number. */
export function gutterWidth(rowCount: number): number {
  const digits = String(Math.max(1, rowCount)).length
  return Math.max(44, digits * 7 + 20)
}

/**
 * The row count the row virtualizer is given. It lays out every item again whenever the count
 * changes (about 25 ms at a million rows), so it sees the count rounded up to a power of two:
 * about 20 re-layouts over a million streamed rows instead of one per change signal. Rows past
 * the real count are simply not rendered.
 */
export function virtualRowCount(rowCount: number): number {
  if (rowCount <= 0) return 0
  return Math.max(1024, 2 ** Math.ceil(Math.log2(rowCount)))
}

/** Font stacks shared by the CSS (via custom properties) and the canvas that measures text. */
export const GRID_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
export const GRID_FONTS = {
  cell: `12px ${GRID_FONT_FAMILY}`,
  name: `600 12px ${GRID_FONT_FAMILY}`,
  type: `10.5px ${GRID_FONT_FAMILY}`,
} as const
