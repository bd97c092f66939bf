import { describe, expect, it } from 'vitest'
import type { WireValue } from '../../../../shared/contract/values'
import { timerScheduler } from '../change-scheduler'
import { RowStore } from '../row-store'
import { countColumnValues, MAX_LISTED_VALUES } from './column-values'
import { RowView } from './row-view'
import { valueKey } from './value-key'

function storeOf(types: (string | null)[], rows: WireValue[][]): RowStore {
  const store = new RowStore(timerScheduler(1))
  store.setColumns(types.map((type, i) => ({ name: `c${i}`, type })))
  store.appendRows(rows)
  return store
}

const live = { cancelled: false }
const column = (view: RowView, col: number): WireValue[] =>
  Array.from({ length: view.rowCount }, (_, row) => view.get(row, col))

describe('column values', () => {
  it('counts each distinct value, most frequent first; NULL, 1 and "1" stay apart', async () => {
    const store = storeOf(['text'], [['a'], [null], ['1'], [1], ['a'], [null], ['a'], [{ $: 'int', v: '1' }]])
    const counted = await countColumnValues(store, 0, store.rowCount, live)
    expect(counted?.tooMany).toBe(false)
    expect(counted?.values.map((v) => [v.value, v.count])).toEqual([
      ['a', 3],
      [1, 2], // 1 and the exact integer 1 are the same number
      [null, 2],
      ['1', 1],
    ])
  })

  it('gives up listing past the cap: the column is not low-cardinality', async () => {
    const rows = Array.from({ length: MAX_LISTED_VALUES + 1 }, (_, i) => [i])
    const counted = await countColumnValues(storeOf(['integer'], rows), 0, rows.length, live)
    expect(counted).toEqual({ values: [], tooMany: true, rows: rows.length })
  })

  it('stops when superseded', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => [i % 3])
    const token = { cancelled: false }
    const pending = countColumnValues(storeOf(['integer'], rows), 0, rows.length, token)
    token.cancelled = true
    expect(await pending).toBeNull()
  })
})

describe('RowView column filters', () => {
  const rows: WireValue[][] = [
    ['open', 'x', 3],
    ['closed', 'y', 1],
    [null, 'x', 2],
    ['open', 'y', 5],
    ['pending', 'x', 4],
  ]

  it('keeps rows holding a ticked value, composes filters, the text filter and the sort', async () => {
    const view = new RowView(storeOf(['text', 'text', 'integer'], rows))
    view.subscribe(() => {})
    view.setColumnFilter(0, new Set([valueKey('open'), valueKey(null)]))
    await view.settled()
    expect(column(view, 2)).toEqual([3, 2, 5])
    expect(view.status()).toMatchObject({ shown: 3, loaded: 5, columnFilters: [{ col: 0, values: 2 }] })
    view.setColumnFilter(1, new Set([valueKey('x')]))
    view.setSort({ col: 2, descending: true })
    await view.settled()
    expect(column(view, 2)).toEqual([3, 2])
    view.setFilter('open')
    await view.settled()
    expect(column(view, 2)).toEqual([3])
    view.setFilter('')
    view.setColumnFilter(0, null)
    await view.settled()
    expect(column(view, 2)).toEqual([4, 3, 2])
    expect(view.columnFilter(0)).toBeNull()
    view.clearColumnFilters()
    view.setSort(null)
    await view.settled()
    expect(view.rowCount).toBe(5)
    expect(view.status().columnFilters).toEqual([])
  })

  it('counts values over every loaded row, not only the rows a filter shows', async () => {
    const view = new RowView(storeOf(['text', 'text', 'integer'], rows))
    view.subscribe(() => {})
    view.setColumnFilter(1, new Set([valueKey('y')]))
    await view.settled()
    const counted = await view.columnValues(0, live)
    expect(counted?.values.map((v) => [v.value, v.count])).toEqual([
      ['open', 2],
      ['closed', 1],
      ['pending', 1],
      [null, 1],
    ])
  })
})
