import { useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import type { CellEdit } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import { inputText, parseInput, type InputSpec } from '../edits/cell-input'
import { parseTsv } from '../edits/tsv-paste'
import type { CellPos } from './cell-navigation'
import type { EditorMove } from './cell-editor'
import type { EditableRows, GridCellEdit, GridEditing } from './grid-edits'
import type { GridModel } from './grid-model'
import type { SelectionRect } from './selection-model'
import type { GridTools } from './use-grid-tools'

/** The open in-cell editor: its cell (display row), its editor and starting text. */
export interface OpenEditor extends CellPos {
  spec: InputSpec
  initial: string
}

/** Column kinds where '' is a value (Set empty). */
const TEXTUAL = new Set(['text', 'json', 'enum', 'date', 'time', 'timestamp'])

/** Most cells one Set NULL / paste stages at once. */
const MAX_CELLS = 100_000

/** What the grid's editing offers its keys, mouse, menu and paste. */
export interface GridEditor {
  editor: OpenEditor | null
  /** Opens the editor on a cell (a boolean toggles at once); with `typed`, starts from that text. */
  begin(cell: CellPos, typed?: string): void
  commit(value: WireValue, move: EditorMove): void
  cancel(): void
  /** Handles an editing key (Enter/F2, typing, Delete, undo/redo); true when it did. */
  onKey(e: KeyboardEvent): boolean
  onPaste(e: ClipboardEvent): void
  /** Sets the selected cells (or the active one) to NULL, '' or DEFAULT. */
  setSelected(edit: CellEdit): void
  addRow(copyActive: boolean): void
  deleteSelectedRows(): void
  /** Why the active cell cannot be edited, or null. */
  reason(cell: CellPos | null): string | null
  /** Whether a cell's column holds text ('' is a value of it). */
  textual(cell: CellPos | null): boolean
}

/**
 * Editing in the grid: the in-cell editor's state and the actions of keys, menu and paste, turned
 * into staged edits through `editing`. Rows are passed on by their index in the editable rows (the
 * view's base), so a sort or filter of the view never stages a value on the wrong row.
 */
export function useGridEditing(
  editing: GridEditing | undefined,
  model: GridModel,
  tools: GridTools,
  done: (cell: CellPos | null) => void,
): GridEditor | null {
  const [editor, setEditor] = useState<OpenEditor | null>(null)
  const rows = tools.rows
  if (!editing || !rows) return null
  return gridEditor(editing, rows, model, tools, done, editor, setEditor)
}

function gridEditor(
  editing: GridEditing,
  rows: EditableRows,
  model: GridModel,
  tools: GridTools,
  done: (cell: CellPos | null) => void,
  editor: OpenEditor | null,
  setEditor: (editor: OpenEditor | null) => void,
): GridEditor {
  const { view, selection } = tools
  const baseRow = (row: number) => view.baseRow(row)
  const reason = (cell: CellPos | null): string | null => {
    if (!cell) return 'No cell'
    if (rows.rowMark(baseRow(cell.row)) === 'deleted') return 'The row is to be deleted: undo that to edit it'
    return editing.readOnlyReason(cell.col)
  }
  const stage = (cells: GridCellEdit[]) => editing.setCells(rows, cells)
  const begin = (cell: CellPos, typed?: string) => {
    const why = reason(cell)
    if (why) return tools.say(why)
    const value = view.get(cell.row, cell.col)
    const spec = editing.input(cell.col, value)
    model.setActive(cell)
    if (spec.kind === 'boolean' && typed === undefined) {
      return stage([{ row: baseRow(cell.row), col: cell.col, edit: { value: value !== true } }])
    }
    const initial = typed ?? inputText(value)
    if (initial === null) return tools.say('Only part of this value was read: load a file, or set NULL')
    setEditor({ ...cell, spec, initial })
  }
  const commit = (value: WireValue, move: EditorMove) => {
    if (!editor) return
    stage([{ row: baseRow(editor.row), col: editor.col, edit: { value } }])
    setEditor(null)
    const next = move === 'stay' ? null : { key: move === 'next' ? 'ArrowRight' : 'ArrowLeft', ctrl: false }
    const cell = next ? model.move(next, 1) : editor
    if (cell) selection.selectCell(cell)
    done(cell)
  }
  const cancel = () => {
    setEditor(null)
    done(null)
  }
  const cells = (rect: SelectionRect | null): CellPos[] => {
    const active = model.active
    if (!rect) return active ? [active] : []
    const out: CellPos[] = []
    for (let row = rect.row0; row <= rect.row1 && out.length < MAX_CELLS; row++)
      for (let col = rect.col0; col <= rect.col1; col++) out.push({ row, col })
    return out
  }
  const setSelected = (edit: CellEdit) => {
    const targets = cells(tools.rect).filter((cell) => reason(cell) === null)
    stage(targets.map((cell) => ({ row: baseRow(cell.row), col: cell.col, edit })))
  }
  const addRow = (copyActive: boolean) => {
    const why = editing.rowsReadOnlyReason()
    if (why) return tools.say(why)
    const active = model.active
    const added = editing.addRow(rows, copyActive && active ? baseRow(active.row) : undefined)
    // A new row comes after the rows read; in a sorted or filtered view it shows at the end too.
    const row = view.rowCount - 1
    if (added >= 0) {
      const cell = { row, col: active?.col ?? 0 }
      selection.selectCell(cell)
      model.setActive(cell)
      done(cell)
    }
  }
  const deleteSelectedRows = () => {
    const why = editing.rowsReadOnlyReason()
    if (why) return tools.say(why)
    const rect = tools.rect
    const active = model.active
    const [from, to] = rect ? [rect.row0, rect.row1] : active ? [active.row, active.row] : [0, -1]
    const indexes: number[] = []
    for (let row = from; row <= to && indexes.length < MAX_CELLS; row++) indexes.push(baseRow(row))
    editing.deleteRows(rows, indexes)
  }
  const onPaste = (e: ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain')
    const start = tools.rect ? { row: tools.rect.row0, col: tools.rect.col0 } : model.active
    if (!text || !start) return
    e.preventDefault()
    const block = parseTsv(text)
    // One value over a larger selection fills it, as spreadsheets do.
    const single = block.length === 1 && block[0]!.length === 1
    const targets = single && tools.rect ? cells(tools.rect) : null
    const edits: GridCellEdit[] = []
    const place = (cell: CellPos, pasted: string | null): string | null => {
      if (cell.row >= view.rowCount || cell.col >= view.columns.length) return null
      const why = reason(cell)
      if (why) return `${view.columns[cell.col]?.name ?? ''}: ${why}`
      const parsed =
        pasted === null
          ? { ok: true as const, value: null }
          : parseInput(editing.input(cell.col, view.get(cell.row, cell.col)), pasted)
      if (!parsed.ok) return `Row ${cell.row + 1}, ${view.columns[cell.col]?.name ?? ''}: ${parsed.message}`
      edits.push({ row: baseRow(cell.row), col: cell.col, edit: { value: parsed.value } })
      return null
    }
    const problems = targets
      ? targets.map((cell) => place(cell, block[0]![0]!))
      : block.flatMap((line, r) => line.map((pasted, c) => place({ row: start.row + r, col: start.col + c }, pasted)))
    const problem = problems.find((p) => p !== null)
    if (problem) return tools.say(`Nothing pasted. ${problem}`)
    stage(edits)
    tools.say(`Pasted ${edits.length.toLocaleString('en-US')} ${edits.length === 1 ? 'cell' : 'cells'}`)
  }
  const onKey = (e: KeyboardEvent): boolean => {
    const ctrl = e.ctrlKey || e.metaKey
    const active = model.active
    const key = e.key.toLowerCase()
    const act = (run: () => unknown): true => {
      e.preventDefault()
      run()
      return true
    }
    if (ctrl && key === 'z') return act(() => (e.shiftKey ? editing.redo() : editing.undo()))
    if (ctrl && key === 'y') return act(() => editing.redo())
    if (!active || e.altKey) return false
    if ((e.key === 'Enter' && !e.shiftKey && !ctrl) || e.key === 'F2') return act(() => begin(active))
    if (e.key === 'Delete' && !e.shiftKey) return act(deleteSelectedRows)
    // A printable key starts editing with it, replacing the value (as in a spreadsheet).
    if (!ctrl && e.key.length === 1 && e.key !== ' ') {
      const spec = reason(active) === null ? editing.input(active.col, view.get(active.row, active.col)) : null
      if (spec && spec.kind !== 'boolean' && spec.kind !== 'enum') return act(() => begin(active, e.key))
    }
    return false
  }
  const textual = (cell: CellPos | null): boolean =>
    cell !== null && TEXTUAL.has(editing.input(cell.col, view.get(cell.row, cell.col)).kind)
  return { editor, begin, commit, cancel, onKey, onPaste, setSelected, addRow, deleteSelectedRows, reason, textual }
}
