import type { KeyboardEvent } from 'react'
import type { CellPos } from './cell-navigation'
import type { GridModel } from './grid-model'
import type { GridTools } from './use-grid-tools'

/** What the grid's keyboard acts on. */
export interface GridKeyTarget {
  model: GridModel
  tools: GridTools
  /** Rows a Page Up/Down moves. */
  pageRows: number
  followable(cell: CellPos | null): boolean
  follow(cell: CellPos | null): boolean
  openViewer(cell: CellPos): void
  openRecord(row: number): void
  /** Brings a cell into view after the keyboard moved to it. */
  reveal(cell: CellPos): void
}

/**
 * The grid's keys: Ctrl/Cmd+Enter follows a key value, Ctrl/Cmd+A selects all, Ctrl/Cmd+C copies
 * (Shift: with the header), Esc clears the selection, Shift+Enter opens the record view, Enter the
 * cell viewer, arrows/Page/Home/End move (Shift extends the selection).
 */
export function onGridKey(e: KeyboardEvent<HTMLDivElement>, grid: GridKeyTarget): void {
  if (e.altKey) return
  const { model, tools } = grid
  const { selection, rect } = tools
  const ctrl = e.ctrlKey || e.metaKey
  const current = model.active
  const handled = (): void => e.preventDefault()
  if (ctrl && e.key === 'Enter' && grid.followable(current)) {
    // Ctrl/Cmd+Enter on a key value follows it (and runs nothing else).
    handled()
    e.stopPropagation()
    grid.follow(current)
  } else if (ctrl && e.key.toLowerCase() === 'a') {
    handled()
    selection.selectAll()
  } else if (ctrl && e.key.toLowerCase() === 'c') {
    handled()
    tools.copy('tsv', e.shiftKey, current)
  } else if (e.key === 'Escape' && rect) {
    selection.clear()
  } else if (e.key === 'Enter' && e.shiftKey && current) {
    handled()
    grid.openRecord(current.row)
  } else if (e.key === 'Enter' && current) {
    handled()
    grid.openViewer(current)
  } else {
    const next = model.move({ key: e.key, ctrl }, grid.pageRows)
    if (!next) return
    handled()
    if (e.shiftKey) selection.extendTo(next)
    else selection.selectCell(next)
    grid.reveal(next)
  }
}
