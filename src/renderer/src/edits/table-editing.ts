import type { CellEdit } from '../../../shared/contract/edit-model'
import type { ColumnInfo, TableSchema } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import type { EditableRows, GridCellEdit, GridEditing } from '../grid/grid-edits'
import type { ViewBase } from '../grid/view/row-view'
import { tableKey, type ResultTable, type TableKey } from '../../../shared/dialect/result-edit-target'
import { inputSpec, type InputSpec } from './cell-input'
import { EditedSource } from './edited-source'
import type { EditStore } from './edit-store'
import { StoreEditing } from './store-editing'

/** Why a query result's column is read-only (shared/dialect/result-edit-target's refusals). */
const COLUMN_REFUSALS = {
  expression: 'Computed by the query (an expression): read-only',
  duplicate: 'This table column is shown earlier in the result: edit it there',
} as const

/**
 * Editing a table's rows in a grid: a table's Data view, or a query result whose columns come from
 * one table (`result` maps each result column onto it). The grid's edits go into the EditStore kept
 * for the tab (they outlive the grid and every re-query), keyed by the table's key. Views, and
 * columns that are not the table's own, are read-only and say why.
 */
export class TableEditing extends StoreEditing implements GridEditing {
  readonly key: TableKey | null
  private readonly byName: ReadonlyMap<string, ColumnInfo>
  constructor(
    store: EditStore,
    readonly schema: TableSchema,
    private readonly result: ResultTable | null = null,
  ) {
    super(store)
    this.key = tableKey(schema)
    this.byName = new Map(schema.columns.map((column) => [column.name, column]))
    if (store.size === 0) store.setKeyColumns([...(this.key?.columns ?? [])])
  }

  wrap(base: ViewBase): EditedSource {
    this.base = base
    return new EditedSource(base, this.store, (col) => this.tableColumn(col))
  }

  readOnlyReason(col: number): string | null {
    const table = this.rowsReadOnlyReason()
    if (table) return table
    const mapped = this.result?.columns[col]
    if (mapped && 'readOnly' in mapped) return COLUMN_REFUSALS[mapped.readOnly]
    if (this.tableColumn(col) === null) return 'Not a column of the table (an expression): read-only'
    return null
  }

  rowsReadOnlyReason(): string | null {
    return this.schema.kind === 'table' || this.schema.kind === 'partitioned-table'
      ? null
      : `A ${this.schema.kind.replace('-', ' ')}: its rows are read-only here`
  }

  input(col: number, sample: WireValue): InputSpec {
    const name = this.tableColumn(col) ?? ''
    return inputSpec(this.byName.get(name)?.dataType ?? null, sample)
  }

  /** Whether a column has a default or is filled by the server (identity, auto-increment). */
  hasDefault(name: string): boolean {
    const column = this.byName.get(name)
    return column !== undefined && (column.defaultValue !== null || column.autoIncrement)
  }

  setCells(rows: EditableRows, cells: readonly GridCellEdit[]): void {
    const source = this.source(rows)
    const changes = cells.flatMap(({ row, col, edit }) => {
      const at = source.identity(row)
      const column = this.tableColumn(col)
      return at && column !== null && this.readOnlyReason(col) === null ? [{ ...at, column, edit }] : []
    })
    if (changes.length > 0) this.store.setCells(changes)
  }

  addRow(rows: EditableRows, copyOf?: number): number {
    const source = this.source(rows)
    const values: Record<string, CellEdit> = {}
    if (copyOf !== undefined) {
      // A duplicate takes every value but the key's and the server-filled ones (they must differ).
      const skip = new Set(this.key?.columns ?? [])
      source.columns.forEach((_, col) => {
        const name = this.tableColumn(col)
        const column = name === null ? undefined : this.byName.get(name)
        if (!column || name === null || skip.has(name) || column.autoIncrement) return
        values[name] = { value: source.get(copyOf, col) }
      })
    }
    this.store.addRow(values)
    return source.rowCount - 1
  }

  /** The table column a grid column shows, or null (computed, shown twice, not the table's). */
  private tableColumn(col: number): string | null {
    const mapped = this.result?.columns[col]
    const name = this.result ? (mapped && 'column' in mapped ? mapped.column : null) : this.base?.columns[col]?.name
    return name !== undefined && name !== null && this.byName.has(name) ? name : null
  }
}
