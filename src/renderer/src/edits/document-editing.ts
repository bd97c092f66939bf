import type { CellEdit } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import type { EditableRows, GridCellEdit, GridEditing } from '../grid/grid-edits'
import type { ViewBase } from '../grid/view/row-view'
import type { InputSpec } from './cell-input'
import { EditedSource } from './edited-source'
import type { EditStore } from './edit-store'
import { StoreEditing } from './store-editing'

/** Documents are identified by their _id. */
export const DOCUMENT_KEY = '_id'

/** The editor of a document field, from the value read: a BSON value keeps its type. */
export function documentInput(sample: WireValue): InputSpec {
  if (typeof sample === 'number' || (typeof sample === 'object' && sample?.$ === 'float'))
    return { kind: 'number', options: [] }
  if (typeof sample === 'boolean') return { kind: 'boolean', options: [] }
  if (typeof sample === 'object' && sample !== null && sample.$ === 'bson' && sample.t !== 'Absent')
    return {
      kind: 'bson',
      options: [],
      bson: sample.sub === undefined ? { t: sample.t } : { t: sample.t, sub: sample.sub },
    }
  return { kind: 'text', options: [] }
}

/**
 * Editing a collection's documents in the grid (document engines): top-level fields, each
 * document matched by its _id; a value goes back with the BSON type it was read with (a Long
 * stays a Long). The _id itself is read-only; a view's documents are not editable.
 */
export class DocumentEditing extends StoreEditing implements GridEditing {
  constructor(
    store: EditStore,
    /** Why no document can be edited here (a view), or null. */
    private readonly readOnly: string | null = null,
  ) {
    super(store)
    if (store.size === 0) store.setKeyColumns([DOCUMENT_KEY])
  }

  wrap(base: ViewBase): EditedSource {
    this.base = base
    return new EditedSource(base, this.store)
  }

  readOnlyReason(col: number): string | null {
    if (this.readOnly) return this.readOnly
    const columns = this.base?.columns ?? []
    if (!columns.some((column) => column.name === DOCUMENT_KEY))
      return 'Read without _id: documents are edited by their _id'
    const name = columns[col]?.name
    if (name === DOCUMENT_KEY) return 'The _id identifies the document: read-only'
    if (name === undefined || name.includes('.')) return 'Only top-level fields are edited here'
    return null
  }

  rowsReadOnlyReason(): string | null {
    return this.readOnly
  }

  input(_col: number, sample: WireValue): InputSpec {
    return documentInput(sample)
  }

  setCells(rows: EditableRows, cells: readonly GridCellEdit[]): void {
    const source = this.source(rows)
    const changes = cells.flatMap(({ row, col, edit }) => {
      const at = source.identity(row)
      const column = source.columns[col]?.name
      return at && column !== undefined && this.readOnlyReason(col) === null ? [{ ...at, column, edit }] : []
    })
    if (changes.length > 0) this.store.setCells(changes)
  }

  addRow(rows: EditableRows, copyOf?: number): number {
    const source = this.source(rows)
    const values: Record<string, CellEdit> = {}
    if (copyOf !== undefined) {
      // A copy takes every field but _id (the server gives the new document its own).
      source.columns.forEach(({ name }, col) => {
        const value = source.get(copyOf, col)
        const absent = typeof value === 'object' && value !== null && value.$ === 'bson' && value.t === 'Absent'
        if (name !== DOCUMENT_KEY && !absent) values[name] = { value }
      })
    }
    this.store.addRow(values)
    return source.rowCount - 1
  }
}
