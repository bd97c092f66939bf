/** Height of a data row in px; fixed, so row positions are arithmetic. */
export const ROW_HEIGHT = 24
/** Height of the sticky header (name line and type line). */
export const HEADER_HEIGHT = 38

/*
 * Rows are windowed arithmetically (use-row-window.ts); past the browser's element-height cap the
 * canvas stays bounded and scroll positions are scaled (row-viewport.ts).
 */

/** Width of the sticky row-number gutter: room for the largest row number. */
export function gutterWidth(rowCount: number): number {
  const digits = String(Math.max(1, rowCount)).length
  return Math.max(44, digits * 7 + 20)
}

/** Font stacks shared by the CSS (via custom properties) and the canvas that measures text. */
export const GRID_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
export const GRID_FONTS = {
  cell: `12px ${GRID_FONT_FAMILY}`,
  name: `600 12px ${GRID_FONT_FAMILY}`,
  type: `10.5px ${GRID_FONT_FAMILY}`,
} as const
