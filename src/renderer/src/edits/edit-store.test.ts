import { describe, expect, it } from 'vitest'
import type { WireValue } from '../../../shared/contract/values'
import { stagedChanges } from './edit-changes'
import { EditStore, type RowValues } from './edit-store'

const COLUMNS = ['id', 'name', 'note']
const read = (id: WireValue, name: string, note: WireValue = null): RowValues => ({ id, name, note })
const keyOf = (store: EditStore, row: RowValues) => store.keyOf((column) => row[column] ?? null, COLUMNS)
const set = (store: EditStore, row: RowValues, column: string, value: WireValue) =>
  store.setCells([{ key: keyOf(store, row), original: row, column, edit: { value } }])

describe('EditStore', () => {
  it('keys rows by the key columns as read, so a row read again (another order, another result) finds its edits', () => {
    const store = new EditStore(['id'])
    const ada = read({ $: 'int', v: '9223372036854775807' }, 'Ada')
    set(store, ada, 'name', 'Ada L.')
    // The same row read again after a sort: another object, same key values.
    const again = read({ $: 'int', v: '9223372036854775807' }, 'Ada')
    expect(store.get(keyOf(store, again))?.set).toEqual({ name: { value: 'Ada L.' } })
    expect(store.get(keyOf(store, read({ $: 'int', v: '9223372036854775806' }, 'Ada')))).toBeUndefined()
    expect(store.size).toBe(1)
  })

  it('without key columns keys by every column', () => {
    const store = new EditStore()
    const a = read(1, 'x', 'p')
    set(store, a, 'name', 'y')
    expect(store.get(keyOf(store, read(1, 'x', 'q')))).toBeUndefined()
    expect(store.get(keyOf(store, read(1, 'x', 'p')))).toBeDefined()
  })

  it('a value set back to what was read unstages the cell, and the row with it', () => {
    const store = new EditStore(['id'])
    const row = read(1, 'a')
    set(store, row, 'name', 'b')
    set(store, row, 'name', 'a')
    expect(store.size).toBe(0)
    // NULL and '' are different values.
    set(store, row, 'note', '')
    expect(store.get(keyOf(store, row))?.set).toEqual({ note: { value: '' } })
  })

  it('undoes and redoes one step at a time; a paste over several cells is one step', () => {
    const store = new EditStore(['id'])
    const one = read(1, 'a')
    const two = read(2, 'b')
    set(store, one, 'name', 'A')
    store.setCells([
      { key: keyOf(store, one), original: one, column: 'note', edit: { value: 'n1' } },
      { key: keyOf(store, two), original: two, column: 'note', edit: { default: true } },
    ])
    store.deleteRows([{ key: keyOf(store, two), original: two }])
    expect(store.get(keyOf(store, two))?.deleted).toBe(true)
    expect(store.undo()).toBe(true)
    expect(store.get(keyOf(store, two))).toMatchObject({ deleted: false, set: { note: { default: true } } })
    expect(store.undo()).toBe(true)
    expect(store.get(keyOf(store, two))).toBeUndefined()
    expect(store.get(keyOf(store, one))?.set).toEqual({ name: { value: 'A' } })
    expect(store.redo()).toBe(true)
    expect(store.get(keyOf(store, one))?.set).toEqual({ name: { value: 'A' }, note: { value: 'n1' } })
    // A new action drops what could be redone.
    set(store, one, 'name', 'B')
    expect(store.canRedo).toBe(false)
    expect(store.undo() && store.undo() && store.undo()).toBe(true)
    expect(store.size).toBe(0)
    expect(store.undo()).toBe(false)
  })

  it('adds new rows with generated keys; deleting a new row drops it; undo brings it back', () => {
    const store = new EditStore(['id'])
    const first = store.addRow()
    const second = store.addRow({ name: { value: 'copy' } })
    expect(first).not.toBe(second)
    store.setCells([{ key: first, original: null, column: 'name', edit: { value: 'x' } }])
    expect(store.newRows().map((row) => row.key)).toEqual([first, second])
    store.deleteRows([{ key: first, original: null }])
    expect(store.get(first)).toBeUndefined()
    store.undo()
    expect(store.get(first)?.set).toEqual({ name: { value: 'x' } })
  })

  it('turns staged rows into the contract changes: updates, deletes, then inserts, each with its row key', () => {
    const store = new EditStore(['id'])
    const added = store.addRow({ name: { value: 'new' }, id: { default: true } })
    const one = read(1, 'a')
    const two = read(2, 'b', '')
    store.deleteRows([{ key: keyOf(store, two), original: two }])
    set(store, one, 'note', '')
    const { changes, keys } = stagedChanges(store.all())
    expect(changes).toEqual([
      { op: 'update', original: { id: 1, name: 'a', note: null }, set: { note: { value: '' } } },
      { op: 'delete', original: { id: 2, name: 'b', note: '' } },
      { op: 'insert', values: { name: { value: 'new' }, id: { default: true } } },
    ])
    expect(keys).toEqual([keyOf(store, one), keyOf(store, two), added])
  })

  it('after a conflict keeps mine or takes theirs per cell, guarded by the row as it now is', () => {
    const store = new EditStore(['id'])
    const row = read(1, 'a', 'n')
    store.setCells([
      { key: keyOf(store, row), original: row, column: 'name', edit: { value: 'mine' } },
      { key: keyOf(store, row), original: row, column: 'note', edit: { value: 'mine too' } },
    ])
    const current = read(1, 'theirs', 'n2')
    store.rebase(keyOf(store, row), current, new Set(['note']))
    expect(store.get(keyOf(store, row))).toMatchObject({ original: current, set: { name: { value: 'mine' } } })
    store.rebase(keyOf(store, row), null, new Set())
    expect(store.size).toBe(0)
    store.undo()
    expect(store.size).toBe(1)
  })

  it('tells its subscribers of each change, and discard is undoable unless forgotten', () => {
    const store = new EditStore(['id'])
    let heard = 0
    store.subscribe(() => heard++)
    set(store, read(1, 'a'), 'name', 'b')
    store.discard()
    expect(store.size).toBe(0)
    store.undo()
    expect(store.size).toBe(1)
    store.discard(true)
    expect(store.canUndo).toBe(false)
    expect(heard).toBe(4)
    expect(() => store.setKeyColumns(['name'])).not.toThrow()
    set(store, read(1, 'a'), 'note', 'x')
    expect(() => store.setKeyColumns(['id'])).toThrow()
  })
})
