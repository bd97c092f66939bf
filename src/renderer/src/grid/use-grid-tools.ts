import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { CopyFormat } from '../../../shared/formats/copy-formats'
import { copyText } from './clipboard'
import type { CellPos } from './cell-navigation'
import type { RowStore } from './row-store'
import type { EditableRows } from './grid-edits'
import { copySelection, type CopyTarget } from './selection-copy'
import { SelectionModel, type SelectionRect } from './selection-model'
import { RowView } from './view/row-view'

/** What the grid's selection, copy, sort and filter need, owned by one ResultGrid. */
export interface GridTools {
  view: RowView
  selection: SelectionModel
  rect: SelectionRect | null
  notice: string | null
  /** Copies the selection, or the active cell when nothing is selected. */
  copy: (format: CopyFormat, withHeader: boolean, active: CellPos | null) => void
  setFilter: (text: string) => void
  /** A context menu's position, or null. */
  menu: { x: number; y: number } | null
  openMenu: (x: number, y: number) => void
  closeMenu: () => void
  /** Shows a short notice in the toolbar (a refused paste, a read-only cell). */
  say: (message: string) => void
  /** The rows with staged edits over them, when the grid edits (what the view wraps). */
  rows: EditableRows | null
}

/** The grid's tools over a store: the sorted/filtered view, the selection, copying and its notice. */
export function useGridTools(
  store: RowStore,
  target: CopyTarget,
  wrap?: ((base: RowStore) => EditableRows) | undefined,
): GridTools {
  const rows = useMemo(() => (wrap ? wrap(store) : null), [store, wrap])
  const view = useMemo(() => new RowView(rows ?? store), [rows, store])
  const selection = useMemo(() => new SelectionModel(), [])
  useEffect(() => () => view.dispose(), [view])
  useSyncExternalStore(selection.subscribe, selection.getVersion)
  useSyncExternalStore(view.subscribe, () => view.version)
  const [notice, setNotice] = useState<string | null>(null)
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null)
  const rect = selection.rect(view.rowCount, view.columns.length)

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(null), 4000)
    return () => clearTimeout(timer)
  }, [notice])

  const copy = (format: CopyFormat, withHeader: boolean, active: CellPos | null) => {
    const current =
      rect ??
      (active ? { row0: active.row, row1: active.row, col0: active.col, col1: active.col, mode: 'cells' } : null)
    if (!current) return
    const outcome = copySelection(view, current, format, target, withHeader)
    if (!outcome.ok) return setNotice(outcome.message)
    void copyText(outcome.text).then((done) =>
      setNotice(
        done ? `Copied ${outcome.cells.toLocaleString('en-US')} cells as ${format.toUpperCase()}` : 'Copy failed',
      ),
    )
  }
  const setFilter = useCallback((text: string) => view.setFilter(text), [view])
  const closeMenu = useCallback(() => setMenu(null), [])
  const openMenu = useCallback((x: number, y: number) => setMenu({ x, y }), [])
  const say = useCallback((message: string) => setNotice(message), [])
  return { view, selection, rect, notice, copy, setFilter, menu, openMenu, closeMenu, say, rows }
}
