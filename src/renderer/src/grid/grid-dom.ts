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

/** The rows to render in slot order, and the slot count their keys use (`row % slots`). */
export interface SlottedRows {
  rows: number[]
  slots: number
}

/**
 * The row indexes first … end-1 in the order of their element slot (`row % slots`), so that when
 * the view moves, the rows that stay and the rows that come in take the same slots in the same
 * order: React updates the elements in place instead of creating and removing rows (Chromium then
 * keeps their boxes and layers). Rows are placed absolutely, so the document order is not the
 * order on screen; each row carries aria-rowindex. More rows than slots widen the slots.
 */
export function rowsBySlot(first: number, end: number, slots: number): SlottedRows {
  const count = Math.max(0, end - first)
  const size = Math.max(1, slots, count)
  const rows = new Array<number>(count)
  const start = first % size
  let at = 0
  for (let slot = 0; slot < size && at < count; slot++) {
    // The row in [first, first + size) whose slot this is; rows past `end` leave it empty.
    const row = first + ((slot - start + size) % size)
    if (row < end) rows[at++] = row
  }
  return { rows, slots: size }
}
