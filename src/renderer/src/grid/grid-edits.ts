import type { CellEdit } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import type { InputSpec } from '../edits/cell-input'
import type { ViewBase } from './view/row-view'

/** How a staged row shows: added by the user, or to be deleted. */
export type RowMark = 'new' | 'deleted' | null

/** How a staged cell shows: a new value (with what was read), or the column's DEFAULT. */
export type CellMark = { kind: 'changed' | 'default'; original: WireValue | undefined } | null

/** Staged edits as the grid marks them, by row index of the rows the view wraps. */
export interface GridEditMarks {
  rowMark(row: number): RowMark
  cellMark(row: number, col: number): CellMark
}

/** The result's rows with staged edits laid over them (what the grid's view sorts and shows). */
export interface EditableRows extends ViewBase, GridEditMarks {
  /**
   * Changes when the staged edits do, and with each streamed batch only while there are new rows
   * (they move down as rows arrive): rows in view re-render then, not on every batch.
   */
  readonly editVersion: string
}

/** One cell to stage, by row index of the editable rows. */
export interface GridCellEdit {
  row: number
  col: number
  edit: CellEdit
}

/**
 * Editing in a grid (the table Data view). Without it the grid is read-only; with it, cells are
 * edited in place, and staged edits are shown over the rows until they are applied or discarded.
 */
export interface GridEditing {
  /** Lays the staged edits over the result's rows. */
  wrap(base: ViewBase): EditableRows
  /** Why a column's cells cannot be edited, or null when they can. */
  readOnlyReason(col: number): string | null
  /** Why no row can be added or deleted here, or null when they can. */
  rowsReadOnlyReason(): string | null
  /** The editor for a column (a sample value helps when the type says little). */
  input(col: number, sample: WireValue): InputSpec
  setCells(rows: EditableRows, cells: readonly GridCellEdit[]): void
  /** Adds a row (a copy of `copyOf`'s values, keys and auto columns left to the server); its row index. */
  addRow(rows: EditableRows, copyOf?: number): number
  deleteRows(rows: EditableRows, indexes: readonly number[]): void
  undo(): boolean
  redo(): boolean
}
