import type { MouseEvent } from 'react'
import type { CellPos } from './cell-navigation'
import type { GridKeyLinks } from './grid-key-links'
import type { GridSource } from './grid-model'

/** Width of the arrow at the right of a key value (its padding in grid-tools.css). */
const FOLLOW_ARROW_WIDTH = 20

/** Following the foreign-key value of a cell of the grid's (sorted/filtered) rows. */
export function keyFollower(links: GridKeyLinks | undefined, view: Pick<GridSource, 'get'>) {
  /** Whether the cell holds a key value (its column is a key's, and it is not NULL). */
  const followable = (cell: CellPos | null): cell is CellPos =>
    cell !== null && links?.columns.has(cell.col) === true && view.get(cell.row, cell.col) !== null
  /** Opens what the cell's key references; false when it holds none. */
  const follow = (cell: CellPos): boolean => {
    if (!links || !followable(cell)) return false
    links.follow(cell.col, (col) => view.get(cell.row, col))
    return true
  }
  return { followable, follow }
}

/** Whether a mouse event is on the arrow a key value shows at its cell's right edge (drawn by CSS). */
export function onFollowArrow(e: MouseEvent): boolean {
  const cell = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-link]') : null
  return cell !== null && e.clientX >= cell.getBoundingClientRect().right - FOLLOW_ARROW_WIDTH
}
