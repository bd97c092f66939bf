/** A cell's position: 0-based row index into the result and column index. */
export interface CellPos {
  row: number
  col: number
}

/** What a move is clamped to. */
export interface GridBounds {
  rowCount: number
  colCount: number
  /** Rows moved by PageUp/PageDown: about one viewport. */
  pageSize: number
}

/** A key press as navigation sees it; ctrl is Ctrl on Windows/Linux or Cmd on macOS. */
export interface NavKey {
  key: string
  ctrl: boolean
}

/**
 * The cell a key moves to, clamped to the grid, or null when the key is not a navigation key or
 * there is no cell to move to. With no current cell, any move starts at the first cell.
 */
export function nextCell(from: CellPos | null, { key, ctrl }: NavKey, bounds: GridBounds): CellPos | null {
  const { rowCount, colCount } = bounds
  if (rowCount <= 0 || colCount <= 0) return null
  const lastRow = rowCount - 1
  const lastCol = colCount - 1
  const page = Math.max(1, Math.floor(bounds.pageSize))
  const { row, col } = from ?? { row: 0, col: 0 }
  const at = (r: number, c: number): CellPos => ({ row: clamp(r, 0, lastRow), col: clamp(c, 0, lastCol) })
  if (!from && key in MOVES) return at(0, 0)
  switch (key) {
    case 'ArrowUp':
      return at(ctrl ? 0 : row - 1, col)
    case 'ArrowDown':
      return at(ctrl ? lastRow : row + 1, col)
    case 'ArrowLeft':
      return at(row, ctrl ? 0 : col - 1)
    case 'ArrowRight':
      return at(row, ctrl ? lastCol : col + 1)
    case 'PageUp':
      return at(row - page, col)
    case 'PageDown':
      return at(row + page, col)
    case 'Home':
      return ctrl ? at(0, 0) : at(row, 0)
    case 'End':
      return ctrl ? at(lastRow, lastCol) : at(row, lastCol)
    default:
      return null
  }
}

const MOVES = { ArrowUp: 1, ArrowDown: 1, ArrowLeft: 1, ArrowRight: 1, PageUp: 1, PageDown: 1, Home: 1, End: 1 }

/** Keeps a cell inside the grid after it shrank; null when the grid is empty. */
export function clampCell(cell: CellPos | null, rowCount: number, colCount: number): CellPos | null {
  if (!cell || rowCount <= 0 || colCount <= 0) return null
  return { row: clamp(cell.row, 0, rowCount - 1), col: clamp(cell.col, 0, colCount - 1) }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n
}
