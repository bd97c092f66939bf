import type { CellPos } from './cell-navigation'

/** The row number under a mouse event (the row header), or null. */
export function rowHeaderAt(target: EventTarget): number | null {
  const header = target instanceof Element ? target.closest<HTMLElement>('[data-row-header]') : null
  return header ? Number(header.dataset.rowHeader) : null
}

/** The cell under a mouse event, from the data attributes every cell carries. */
export function cellAt(target: EventTarget): CellPos | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('[data-row][data-col]') : null
  if (!cell) return null
  return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) }
}

/** The row indexes first … end-1, for the rows in view. */
export function rowIndexes(first: number, end: number): number[] {
  const out = new Array<number>(Math.max(0, end - first))
  for (let i = 0; i < out.length; i++) out[i] = first + i
  return out
}
