import { describe, expect, it } from 'vitest'
import { cycleSortColumn, describeParams } from './table-sort'

describe('cycleSortColumn', () => {
  it('cycles one column asc, desc, none; another column starts ascending', () => {
    let sort = cycleSortColumn([], 'created at')
    expect(sort).toEqual([{ column: 'created at', descending: false }])
    sort = cycleSortColumn(sort, 'created at')
    expect(sort).toEqual([{ column: 'created at', descending: true }])
    expect(cycleSortColumn(sort, 'created at')).toEqual([])
    expect(cycleSortColumn(sort, 'id')).toEqual([{ column: 'id', descending: false }])
  })
})

describe('cycleSortColumn with several keys (shift+click)', () => {
  it('adds a key after the others, cycles it in place, removes it at the end of its cycle', () => {
    let sort = cycleSortColumn([], 'a')
    sort = cycleSortColumn(sort, 'b', true)
    expect(sort).toEqual([
      { column: 'a', descending: false },
      { column: 'b', descending: false },
    ])
    sort = cycleSortColumn(sort, 'a', true)
    expect(sort).toEqual([
      { column: 'a', descending: true },
      { column: 'b', descending: false },
    ])
    expect(cycleSortColumn(sort, 'a', true)).toEqual([{ column: 'b', descending: false }])
    expect(cycleSortColumn(sort, 'c')).toEqual([{ column: 'c', descending: false }])
  })
})

describe('describeParams', () => {
  it('lists the values in order, quoted for reading', () => {
    expect(describeParams([])).toBe('')
    expect(describeParams(['2', "O'Brien"])).toBe("#1 = '2', #2 = 'O''Brien'")
  })
})
