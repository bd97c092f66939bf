import { describe, expect, it } from 'vitest'
import { rectCellCount, SelectionModel } from './selection-model'

describe('SelectionModel', () => {
  it('selects one cell, then a block with extend (shift+click, drag, shift+arrows)', () => {
    const s = new SelectionModel()
    expect(s.rect(10, 5)).toBeNull()
    s.selectCell({ row: 4, col: 3 })
    expect(s.rect(10, 5)).toEqual({ row0: 4, row1: 4, col0: 3, col1: 3, mode: 'cells' })
    s.selectCell({ row: 1, col: 1 }, true)
    expect(s.rect(10, 5)).toEqual({ row0: 1, row1: 4, col0: 1, col1: 3, mode: 'cells' })
    s.extendTo({ row: 6, col: 4 })
    expect(s.rect(10, 5)).toEqual({ row0: 4, row1: 6, col0: 3, col1: 4, mode: 'cells' })
  })

  it('selects whole rows and whole columns, which grow with the result', () => {
    const s = new SelectionModel()
    s.selectRow(2)
    s.selectRow(5, true)
    expect(s.rect(10, 3)).toEqual({ row0: 2, row1: 5, col0: 0, col1: 2, mode: 'rows' })
    s.selectColumn(1)
    s.selectColumn(0, true)
    expect(s.rect(10, 3)).toEqual({ row0: 0, row1: 9, col0: 0, col1: 1, mode: 'columns' })
    expect(s.rect(20, 3)!.row1).toBe(19)
  })

  it('select all covers the grid, and a row selection does not extend a column one', () => {
    const s = new SelectionModel()
    s.selectAll()
    expect(s.rect(3, 2)).toEqual({ row0: 0, row1: 2, col0: 0, col1: 1, mode: 'all' })
    expect(rectCellCount(s.rect(3, 2)!)).toBe(6)
    s.selectColumn(1)
    s.selectRow(2, true)
    expect(s.rect(3, 2)).toEqual({ row0: 2, row1: 2, col0: 0, col1: 1, mode: 'rows' })
  })

  it('clamps to a grid that shrank and signals changes once per change', () => {
    const s = new SelectionModel()
    let signals = 0
    s.subscribe(() => signals++)
    s.selectCell({ row: 8, col: 8 })
    s.selectCell({ row: 8, col: 8 })
    expect(signals).toBe(1)
    expect(s.rect(3, 2)).toBeNull()
    s.selectColumn(4)
    expect(s.rect(0, 5)).toEqual({ row0: 0, row1: -1, col0: 4, col1: 4, mode: 'columns' })
    s.clear()
    expect(s.rect(3, 2)).toBeNull()
  })
})
