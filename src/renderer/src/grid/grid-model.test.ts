import { describe, expect, it } from 'vitest'
import type { CellPos } from './cell-navigation'
import { nextCell } from './cell-navigation'
import { ManualScheduler } from './change-scheduler'
import {
  CELL_PADDING,
  initialColumnWidth,
  MAX_INITIAL_WIDTH,
  MIN_INITIAL_WIDTH,
  SORT_ARROW_ROOM,
} from './column-widths'
import { GridModel } from './grid-model'
import { RowStore } from './row-store'

function setup(rowCount = 0) {
  const scheduler = new ManualScheduler()
  const store = new RowStore(scheduler.schedule)
  const model = new GridModel(store)
  store.setColumns([
    { name: 'id', type: 'integer' },
    { name: 'description', type: 'text' },
    { name: 'x', type: null },
  ])
  if (rowCount > 0) store.appendRows(Array.from({ length: rowCount }, (_, i) => [i, `row ${i}`, null]))
  scheduler.run()
  return { scheduler, store, model }
}

describe('initialColumnWidth', () => {
  it('fits the header name and type, clamped to the minimum', () => {
    expect(initialColumnWidth({ name: 'id', type: null }, [])).toBe(MIN_INITIAL_WIDTH)
    const name = 'customer_identifier'
    expect(initialColumnWidth({ name, type: 'int' }, [])).toBe(
      Math.ceil(name.length * 7.5 + SORT_ARROW_ROOM + CELL_PADDING),
    )
    const type = 'timestamp with time zone'
    expect(initialColumnWidth({ name: 't', type }, [])).toBe(Math.ceil(type.length * 6 + CELL_PADDING))
  })

  it('widens for the sampled values and stops at the maximum', () => {
    const col = { name: 'id', type: null }
    expect(initialColumnWidth(col, ['a'.repeat(20)])).toBe(20 * 7 + CELL_PADDING)
    expect(initialColumnWidth(col, ['a'.repeat(5000)])).toBe(MAX_INITIAL_WIDTH)
    expect(initialColumnWidth(col, [{ $: 'int', v: '123456789012345678901234567890' }])).toBe(30 * 7 + CELL_PADDING)
  })

  it('uses the measure it is given', () => {
    expect(initialColumnWidth({ name: 'abc', type: null }, ['x'], (t) => t.length * 50)).toBe(
      3 * 50 + SORT_ARROW_ROOM + CELL_PADDING,
    )
  })
})

describe('GridModel widths', () => {
  it('sizes columns from the header, then from the first batch', () => {
    const { store, scheduler, model } = setup()
    const headerOnly = model.widths
    expect(headerOnly).toHaveLength(3)
    const layout = model.layoutVersion
    store.appendRows([[1, 'a much longer description than the header', null]])
    scheduler.run()
    expect(model.widths[1]).toBeGreaterThan(headerOnly[1]!)
    expect(model.layoutVersion).toBeGreaterThan(layout)
    // Later batches do not move columns under the user's eyes.
    const settled = model.widths
    store.appendRows([[2, 'x'.repeat(300), null]])
    scheduler.run()
    expect(model.widths).toEqual(settled)
  })

  it('resizes a column, clamped, and keeps a dragged width when the first rows arrive', () => {
    const { store, scheduler, model } = setup()
    model.resize(1, 250.4)
    expect(model.widths[1]).toBe(250)
    model.resize(0, 5)
    expect(model.widths[0]).toBe(32)
    store.appendRows([[1, 'short', null]])
    scheduler.run()
    expect(model.widths[1]).toBe(250)
  })

  it('resets widths, active cell and generation for a new result', () => {
    const { store, scheduler, model } = setup(10)
    model.setActive({ row: 5, col: 1 })
    const generation = model.generation
    store.clear()
    store.setColumns([{ name: 'only', type: null }])
    scheduler.run()
    expect(model.widths).toHaveLength(1)
    expect(model.active).toBeNull()
    expect(model.generation).toBeGreaterThan(generation)
  })

  it('notifies subscribers of its own changes and of the store signal', () => {
    const { store, scheduler, model } = setup(3)
    let calls = 0
    const off = model.subscribe(() => calls++)
    const version = model.getVersion()
    model.resize(0, 100)
    store.appendRows([[9, 'x', null]])
    scheduler.run()
    expect(calls).toBe(2)
    expect(model.getVersion()).toBe(version + 2)
    off()
    model.resize(0, 120)
    expect(calls).toBe(2)
  })
})

describe('GridModel active cell', () => {
  it('moves with keys and clamps to the result', () => {
    const { model } = setup(100)
    expect(model.move({ key: 'ArrowDown', ctrl: false }, 10)).toEqual({ row: 0, col: 0 })
    model.move({ key: 'ArrowDown', ctrl: false }, 10)
    model.move({ key: 'ArrowRight', ctrl: false }, 10)
    expect(model.active).toEqual({ row: 1, col: 1 })
    model.move({ key: 'PageDown', ctrl: false }, 30)
    expect(model.active).toEqual({ row: 31, col: 1 })
    model.move({ key: 'End', ctrl: true }, 30)
    expect(model.active).toEqual({ row: 99, col: 2 })
    model.move({ key: 'PageDown', ctrl: false }, 30)
    expect(model.active).toEqual({ row: 99, col: 2 })
    expect(model.move({ key: 'a', ctrl: false }, 30)).toBeNull()
    model.setActive({ row: 500, col: 9 })
    expect(model.active).toEqual({ row: 99, col: 2 })
  })

  it('has no active cell without rows', () => {
    const { model } = setup(0)
    expect(model.move({ key: 'ArrowDown', ctrl: false }, 10)).toBeNull()
    model.setActive({ row: 0, col: 0 })
    expect(model.active).toBeNull()
  })
})

describe('nextCell', () => {
  const bounds = { rowCount: 1000, colCount: 5, pageSize: 20 }
  const from: CellPos = { row: 10, col: 2 }
  const cases: [string, boolean, CellPos][] = [
    ['ArrowUp', false, { row: 9, col: 2 }],
    ['ArrowDown', false, { row: 11, col: 2 }],
    ['ArrowLeft', false, { row: 10, col: 1 }],
    ['ArrowRight', false, { row: 10, col: 3 }],
    ['ArrowUp', true, { row: 0, col: 2 }],
    ['ArrowDown', true, { row: 999, col: 2 }],
    ['ArrowLeft', true, { row: 10, col: 0 }],
    ['ArrowRight', true, { row: 10, col: 4 }],
    ['PageUp', false, { row: 0, col: 2 }],
    ['PageDown', false, { row: 30, col: 2 }],
    ['Home', false, { row: 10, col: 0 }],
    ['End', false, { row: 10, col: 4 }],
    ['Home', true, { row: 0, col: 0 }],
    ['End', true, { row: 999, col: 4 }],
  ]
  it.each(cases)('%s (ctrl %s)', (key, ctrl, expected) => {
    expect(nextCell(from, { key, ctrl }, bounds)).toEqual(expected)
  })

  it('clamps at the edges', () => {
    expect(nextCell({ row: 0, col: 0 }, { key: 'ArrowUp', ctrl: false }, bounds)).toEqual({ row: 0, col: 0 })
    expect(nextCell({ row: 0, col: 0 }, { key: 'ArrowLeft', ctrl: false }, bounds)).toEqual({ row: 0, col: 0 })
    expect(nextCell({ row: 999, col: 4 }, { key: 'ArrowRight', ctrl: false }, bounds)).toEqual({ row: 999, col: 4 })
    expect(nextCell({ row: 995, col: 4 }, { key: 'PageDown', ctrl: false }, bounds)).toEqual({ row: 999, col: 4 })
  })

  it('ignores other keys', () => {
    expect(nextCell(from, { key: 'Enter', ctrl: false }, bounds)).toBeNull()
    expect(nextCell(from, { key: 'x', ctrl: true }, bounds)).toBeNull()
  })
})

describe('GridModel.fitColumn', () => {
  it('fits a column to the rows in view, up to the fit maximum', () => {
    const { store, scheduler, model } = setup(0)
    store.appendRows(Array.from({ length: 300 }, (_, i) => [i, i === 250 ? 'y'.repeat(60) : 'x', null]))
    scheduler.run()
    const narrow = model.widths[1]!
    model.fitColumn(1, 240, 260)
    expect(model.widths[1]).toBe(60 * 7 + CELL_PADDING)
    expect(model.widths[1]).toBeGreaterThan(narrow)
    model.fitColumn(1, 0, 10)
    expect(model.widths[1]).toBe(Math.ceil('description'.length * 7.5 + SORT_ARROW_ROOM + CELL_PADDING))
  })
})
