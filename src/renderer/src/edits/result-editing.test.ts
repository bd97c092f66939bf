import { describe, expect, it } from 'vitest'
import type { ColumnInfo, ResultColumn, TableSchema } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import {
  resultEditTarget,
  resultTable,
  tableKey,
  type ResultEditTarget,
} from '../../../shared/dialect/result-edit-target'
import type { ViewBase } from '../grid/view/row-view'
import { stagedChanges } from './edit-changes'
import { EditStore } from './edit-store'
import { TableEditing } from './table-editing'

const column = (name: string, dataType: string, key = false): ColumnInfo => ({
  name,
  dataType,
  nullable: !key,
  defaultValue: null,
  primaryKeyPosition: key ? 1 : null,
  unique: key,
  autoIncrement: false,
  comment: null,
})
const SCHEMA: TableSchema = {
  schema: 'shop',
  name: 'customers',
  kind: 'table',
  columns: [column('id', 'bigint', true), column('email', 'text'), column('name', 'text')],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
  checks: [],
  definition: null,
}
const from = (name: string, origin?: string): ResultColumn => ({
  name,
  type: null,
  ...(origin ? { origin: { schema: 'shop', table: 'customers', column: origin } } : {}),
})

// SELECT name AS who, id, upper(name) AS shout, name FROM shop.customers
const COLUMNS = [from('who', 'name'), from('id', 'id'), from('shout'), from('name', 'name')]
const ROWS: WireValue[][] = [
  ['Ada', { $: 'int', v: '9007199254740993' }, 'ADA', 'Ada'],
  [null, { $: 'int', v: '2' }, null, null],
]
const base: ViewBase = {
  columns: COLUMNS,
  rowCount: ROWS.length,
  get: (row, col) => ROWS[row]![col]!,
  version: 0,
  subscribe: () => () => undefined,
}

function editingOf(store: EditStore): TableEditing {
  const table = resultTable(COLUMNS)
  if (!table.editable) throw new Error(table.message)
  const target = resultEditTarget(table, tableKey(SCHEMA))
  if (!target.editable) throw new Error(target.message)
  return new TableEditing(store, SCHEMA, target as ResultEditTarget)
}

describe('editing a query result', () => {
  it('maps result columns onto the table: an alias edits its column, computed and repeated ones say why not', () => {
    const store = new EditStore()
    const editing = editingOf(store)
    expect(store.keyedBy).toEqual(['id'])
    expect(editing.readOnlyReason(0)).toBeNull()
    expect(editing.readOnlyReason(2)).toBe('Computed by the query (an expression): read-only')
    expect(editing.readOnlyReason(3)).toBe('This table column is shown earlier in the result: edit it there')
    const rows = editing.wrap(base)
    editing.setCells(rows, [
      { row: 0, col: 0, edit: { value: 'Ada L.' } },
      { row: 0, col: 2, edit: { value: 'ignored' } },
    ])
    expect(rows.get(0, 0)).toBe('Ada L.')
    expect(rows.get(0, 2)).toBe('ADA')
    expect(rows.cellMark(0, 0)).toEqual({ kind: 'changed', original: 'Ada' })
    expect(rows.cellMark(0, 2)).toBeNull()
    // The change names table columns, its original only the columns read from the table (exact int64 key).
    expect(stagedChanges(store.all()).changes).toEqual([
      {
        op: 'update',
        original: { name: 'Ada', id: { $: 'int', v: '9007199254740993' } },
        set: { name: { value: 'Ada L.' } },
      },
    ])
  })

  it('a new row takes values by table column; a deleted row carries its key', () => {
    const store = new EditStore()
    const editing = editingOf(store)
    const rows = editing.wrap(base)
    editing.deleteRows(rows, [1])
    const at = editing.addRow(rows)
    editing.setCells(rows, [{ row: at, col: 0, edit: { value: 'New' } }])
    expect(rows.rowMark(1)).toBe('deleted')
    expect(rows.get(at, 0)).toBe('New')
    expect(stagedChanges(store.all()).changes).toEqual([
      { op: 'delete', original: { name: null, id: { $: 'int', v: '2' } } },
      { op: 'insert', values: { name: { value: 'New' } } },
    ])
  })
})
