import { describe, expect, it } from 'vitest'
import type { WireValue } from '../../../../shared/contract/values'
import { cpuMs } from '../../../../../test/helpers/cpu-clock'
import { timerScheduler } from '../change-scheduler'
import { RowStore } from '../row-store'
import { RowView } from './row-view'
import { compareDecimal } from './sort-keys'

function storeOf(types: (string | null)[], rows: WireValue[][]): RowStore {
  const store = new RowStore(timerScheduler(1))
  store.setColumns(types.map((type, i) => ({ name: `c${i}`, type })))
  store.appendRows(rows)
  return store
}

const column = (view: RowView, col: number): WireValue[] =>
  Array.from({ length: view.rowCount }, (_, row) => view.get(row, col))

describe('RowView sort', () => {
  it('cycles ascending, descending, then the order rows came in; NULLs last both ways', async () => {
    const view = new RowView(storeOf(['integer'], [[3], [null], [1], [2]]))
    view.subscribe(() => {})
    view.cycleSort(0)
    await view.settled()
    expect(column(view, 0)).toEqual([1, 2, 3, null])
    view.cycleSort(0)
    await view.settled()
    expect(column(view, 0)).toEqual([3, 2, 1, null])
    view.cycleSort(0)
    await view.settled()
    expect(column(view, 0)).toEqual([3, null, 1, 2])
    expect(view.status().sort).toBeNull()
  })

  it('sorts by several keys: shift+click adds a key after the others, and cycles it alone', async () => {
    const rows: WireValue[][] = [
      ['b', 2, 'x'],
      ['a', 2, 'y'],
      ['b', 1, 'z'],
      ['a', null, 'w'],
      ['a', 1, 'v'],
      [null, 1, 'u'],
    ]
    const view = new RowView(storeOf(['text', 'integer', 'text'], rows))
    view.subscribe(() => {})
    view.cycleSort(0) // c0 ↑
    view.cycleSort(1, true) // then c1 ↑
    await view.settled()
    expect(column(view, 2)).toEqual(['v', 'y', 'w', 'z', 'x', 'u'])
    expect(view.status().sorts).toEqual([
      { col: 0, descending: false },
      { col: 1, descending: false },
    ])
    view.cycleSort(1, true) // c1 ↓, c0 still first
    await view.settled()
    expect(column(view, 2)).toEqual(['y', 'v', 'w', 'x', 'z', 'u'])
    view.cycleSort(0, true) // c0 ↓, still the first key
    await view.settled()
    expect(column(view, 2)).toEqual(['x', 'z', 'y', 'v', 'w', 'u'])
    view.cycleSort(0, true) // c0 removed: c1 ↓ alone (ties in the order rows came)
    await view.settled()
    expect(view.status().sorts).toEqual([{ col: 1, descending: true }])
    expect(column(view, 2)).toEqual(['x', 'y', 'z', 'v', 'u', 'w'])
    view.cycleSort(2) // a plain click: that column alone
    await view.settled()
    expect(view.status().sorts).toEqual([{ col: 2, descending: false }])
  })

  it('compares numbers as numbers, exact 64-bit integers and decimals exactly', async () => {
    const big = (v: string): WireValue => ({ $: 'int', v })
    const rows: WireValue[][] = [
      [big('9007199254740993'), '10.5'],
      [big('9007199254740992'), '9.75'],
      [10, '-0.001'],
      [9, '100'],
      [big('-9223372036854775808'), null],
    ]
    const view = new RowView(storeOf(['bigint', 'numeric(10,3)'], rows))
    view.subscribe(() => {})
    view.setSort({ col: 0, descending: false })
    await view.settled()
    expect(column(view, 0)).toEqual([
      big('-9223372036854775808'),
      9,
      10,
      big('9007199254740992'),
      big('9007199254740993'),
    ])
    view.setSort({ col: 1, descending: true })
    await view.settled()
    expect(column(view, 1)).toEqual(['100', '10.5', '9.75', '-0.001', null])
  })

  it('sorts text by code point and puts numbers before text in a mixed column', async () => {
    const view = new RowView(storeOf(['text'], [['b'], [2], ['B'], ['a'], [1]]))
    view.subscribe(() => {})
    view.setSort({ col: 0, descending: false })
    await view.settled()
    expect(column(view, 0)).toEqual([1, 2, 'B', 'a', 'b'])
  })

  it('compareDecimal orders signs, lengths, fractions and zeros', () => {
    expect(compareDecimal('-2', '-10')).toBe(1)
    expect(compareDecimal('0.10', '0.1')).toBe(0)
    expect(compareDecimal('-0', '0.0')).toBe(0)
    expect(compareDecimal('123456789012345678901234567890', '123456789012345678901234567891')).toBe(-1)
    expect(compareDecimal('1.0001', '1.00009')).toBe(1)
  })
})

describe('RowView quick filter', () => {
  it('keeps rows where any column contains the text, case-insensitively, and composes with sort', async () => {
    const view = new RowView(
      storeOf(
        ['text', 'integer'],
        [
          ['Alice', 30],
          ['bob', 25],
          [null, 7],
          ['ALINA', 41],
          ['carl', 301],
        ],
      ),
    )
    view.subscribe(() => {})
    view.setFilter('al')
    await view.settled()
    expect(column(view, 0)).toEqual(['Alice', 'ALINA'])
    view.setFilter('30')
    view.setSort({ col: 1, descending: true })
    await view.settled()
    expect(column(view, 0)).toEqual(['carl', 'Alice'])
    view.setFilter('a.*')
    await view.settled()
    expect(view.rowCount).toBe(0)
    view.setFilter('')
    view.setSort(null)
    await view.settled()
    expect(view.rowCount).toBe(5)
  })

  it('folds in rows that stream in after a filter', async () => {
    const store = storeOf(['text'], [['x1'], ['y1']])
    const view = new RowView(store)
    view.subscribe(() => {})
    view.setFilter('x')
    await view.settled()
    expect(view.rowCount).toBe(1)
    store.appendRows([['x2'], ['y2']])
    await new Promise((resolve) => setTimeout(resolve, 900))
    await view.settled()
    expect(column(view, 0)).toEqual(['x1', 'x2'])
  })
})

describe('RowView on 1,000,000 rows', () => {
  it('sorts and filters within the time budget', async () => {
    const n = 1_000_000
    const rows: WireValue[][] = []
    for (let i = 0; i < n; i++) rows.push([(i * 7919) % n, `name ${(i * 104729) % n}`, i % 10 === 0 ? null : i * 0.5])
    const view = new RowView(storeOf(['integer', 'text', 'real'], rows))
    view.subscribe(() => {})
    let started = cpuMs()
    view.setSort({ col: 0, descending: false })
    await view.settled()
    const sortMs = cpuMs() - started
    expect(view.get(0, 0)).toBe(0)
    expect(view.get(n - 1, 0)).toBe(n - 1)
    started = cpuMs()
    view.setSort({ col: 1, descending: true })
    await view.settled()
    const textSortMs = cpuMs() - started
    expect(view.get(0, 1)).toBe('name 999999')
    started = cpuMs()
    view.setFilter('name 12345')
    await view.settled()
    const filterMs = cpuMs() - started
    expect(view.rowCount).toBe(11) // 12345 and 123450..123459
    console.log(
      `[measure] 1,000,000 rows (CPU time): integer sort ${sortMs.toFixed(0)} ms, text sort ${textSortMs.toFixed(0)} ms, filter+sort ${filterMs.toFixed(0)} ms`,
    )
    // CPU time, which parallel test files do not stretch; a regression to quadratic or per-row allocation breaks it.
    expect(sortMs).toBeLessThan(5_000)
  }, 60_000)
})
