import type { EditableRows } from '../grid/grid-edits'
import type { ViewBase } from '../grid/view/row-view'
import { EditedSource } from './edited-source'
import type { EditStore } from './edit-store'

/**
 * What every grid editing shares: the EditStore its edits go into, the rows it last wrapped, and
 * the actions that need nothing of the engine (delete rows by their identity, undo, redo).
 */
export abstract class StoreEditing {
  /** The rows last wrapped: their columns name the grid's column indexes (known once the result starts). */
  protected base: ViewBase | null = null

  constructor(readonly store: EditStore) {}

  deleteRows(rows: EditableRows, indexes: readonly number[]): void {
    const source = this.source(rows)
    const targets = indexes.flatMap((row) => {
      const at = source.identity(row)
      return at ? [at] : []
    })
    if (targets.length > 0) this.store.deleteRows(targets)
  }

  undo(): boolean {
    return this.store.undo()
  }

  redo(): boolean {
    return this.store.redo()
  }

  protected source(rows: EditableRows): EditedSource {
    if (!(rows instanceof EditedSource))
      throw new Error("Grid editing: rows it did not wrap (another grid's EditedSource)")
    return rows
  }
}
