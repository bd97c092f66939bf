import type { TableSchema } from '../../../shared/contract/model'
import type { ResultEditTarget } from '../../../shared/dialect/result-edit-target'
import type { EditStore } from './edit-store'
import { TableEditing } from './table-editing'

/**
 * Editing a query result whose columns come from one table with its key in the result: the table's
 * editing (same store, editors, marks and review), with each result column mapped onto the table
 * column it was read from. Computed and repeated columns are read-only and say why.
 */
export class ResultEditing extends TableEditing {
  constructor(
    store: EditStore,
    schema: TableSchema,
    readonly target: ResultEditTarget,
    /** The result the edits were staged on (a query tab stages on one result at a time). */
    readonly resultId: string,
  ) {
    super(store, schema, {
      columns: target.key.columns,
      source: target.key.source === 'unique' ? 'unique' : 'primary-key',
    })
  }

  override readOnlyReason(col: number): string | null {
    const rows = this.rowsReadOnlyReason()
    if (rows) return rows
    const mapped = this.target.columns[col]
    if (!mapped) return 'Not a column of the result'
    if ('readOnly' in mapped)
      return mapped.readOnly === 'expression'
        ? 'Computed by the query (not read from a table column): read-only'
        : 'The same table column is shown in an earlier column: edit it there'
    return super.readOnlyReason(col)
  }

  protected override columnName(col: number): string | undefined {
    const mapped = this.target.columns[col]
    return mapped && 'column' in mapped ? mapped.column : undefined
  }
}
