import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract/row-batch-rows'
import { RowStore } from '../grid/row-store'
import { PinBoard } from './pin-board'

const storeOf = (rows: number): RowStore => {
  const store = new RowStore(() => () => {})
  store.setColumns([{ name: 'id', type: null }])
  store.append(encodeRows(Array.from({ length: rows }, (_, i) => [i])))
  return store
}

const entry = (store: RowStore, owner = 'tab-1') => ({
  owner,
  source: 'staging · Query 1',
  sql: 'SELECT 1',
  store,
  key: [],
})

describe('PinBoard', () => {
  it('pins a result once, keeps its rows and unpins it', () => {
    const board = new PinBoard()
    const store = storeOf(3)
    const first = board.pin(entry(store))
    expect(first.ok && first.pin.rowCount).toBe(3)
    expect(board.pin(entry(store))).toEqual(first) // pinning again keeps the one pin
    expect(board.list).toHaveLength(1)
    expect(board.pinOf(store)).toBe(board.list[0])
    board.unpin(board.list[0]!.id)
    expect(board.list).toHaveLength(0)
  })

  it('refuses a pin past the memory budget, saying how much is held', () => {
    const a = storeOf(1000)
    const b = storeOf(1000)
    const board = new PinBoard(a.batchBytes + 10)
    expect(board.pin(entry(a)).ok).toBe(true)
    const refused = board.pin(entry(b))
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.message).toMatch(/^Not pinned: this result holds 1 MiB and pins already hold 1 MiB/)
    expect(board.list).toHaveLength(1)
  })

  it("drops a closed tab's pins only", () => {
    const board = new PinBoard()
    board.pin(entry(storeOf(1), 'tab-1'))
    board.pin(entry(storeOf(1), 'tab-2'))
    board.unpinOwner('tab-1')
    expect(board.list.map((pin) => pin.owner)).toEqual(['tab-2'])
  })
})
