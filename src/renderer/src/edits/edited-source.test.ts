import { describe, expect, it } from 'vitest'
import type { TableSchema } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { ManualScheduler } from '../grid/change-scheduler'
import { RowStore } from '../grid/row-store'
import { RowView } from '../grid/view/row-view'
import { EditStore } from './edit-store'
import { TableEditing } from './table-editing'

const COLUMNS = [
  { name: 'id', type: 'bigint' },
  { name: 'name', type: 'text' },
]

function storeOf(rows: WireValue[][]): RowStore {
  const store = new RowStore(new ManualScheduler().schedule)
  store.setColumns(COLUMNS)
  store.appendRows(rows)
  return store
}

const schema: TableSchema = {
  schema: 's',
  name: 't',
  kind: 'table',
  columns: [
    {
      name: 'id',
      dataType: 'bigint',
      nullable: false,
      defaultValue: null,
      primaryKeyPosition: 1,
      unique: true,
      autoIncrement: false,
      comment: null,
    },
    {
      name: 'name',
      dataType: 'text',
      nullable: true,
      defaultValue: null,
      primaryKeyPosition: null,
      unique: false,
      autoIncrement: false,
      comment: null,
    },
  ],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [],
  checks: [],
  definition: null,
}

const column = (source: { rowCount: number; get(row: number, col: number): WireValue }, col: number) =>
  Array.from({ length: source.rowCount }, (_, row) => source.get(row, col))

describe('EditedSource', () => {
  it('lays staged edits over the rows read, and finds them again in another result in another order', async () => {
    const edits = new EditStore()
    const editing = new TableEditing(edits, schema)
    const first = editing.wrap(
      storeOf([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]),
    )
    editing.setCells(first, [{ row: 1, col: 1, edit: { value: 'B' } }])
    editing.deleteRows(first, [2])
    const added = editing.addRow(first)
    editing.setCells(first, [{ row: added, col: 1, edit: { value: 'new' } }])
    expect(column(first, 1)).toEqual(['a', 'B', 'c', 'new'])
    expect([0, 1, 2, 3].map((row) => first.rowMark(row))).toEqual([null, null, 'deleted', 'new'])
    expect(first.cellMark(1, 1)).toEqual({ kind: 'changed', original: 'b' })
    expect(first.cellMark(3, 0)).toEqual({ kind: 'default', original: undefined })

    // The same table read again, sorted the other way (a server sort), and through a sorted view.
    const again = editing.wrap(
      storeOf([
        [3, 'c'],
        [2, 'b'],
        [1, 'a'],
      ]),
    )
    expect(column(again, 1)).toEqual(['c', 'B', 'a', 'new'])
    expect(again.rowMark(0)).toBe('deleted')
    const view = new RowView(again)
    view.subscribe(() => undefined)
    view.setSort({ col: 1, descending: false })
    await view.settled()
    expect(column(view, 1)).toEqual(['B', 'a', 'c', 'new'])
    // Undo reaches the sorted view too: its cached rows are read again, and a removed new row leaves it.
    edits.undo()
    expect(column(view, 1)).toEqual(['B', 'a', 'c', null])
    edits.undo()
    await view.settled()
    expect(column(view, 1)).toEqual(['B', 'a', 'c'])
  })

  it('a column that is not the table’s own is read-only, with the reason', () => {
    const editing = new TableEditing(new EditStore(), schema)
    const rows = new RowStore(new ManualScheduler().schedule)
    rows.setColumns([...COLUMNS, { name: 'upper(name)', type: 'text' }])
    rows.appendRows([[1, 'a', 'A']])
    const source = editing.wrap(rows)
    expect(editing.readOnlyReason(1)).toBeNull()
    expect(editing.readOnlyReason(2)).toMatch(/expression/)
    editing.setCells(source, [{ row: 0, col: 2, edit: { value: 'x' } }])
    expect(source.edits.size).toBe(0)
  })
})
