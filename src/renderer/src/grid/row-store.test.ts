import { describe, expect, it, vi } from 'vitest'
import { KIND_TEXT16 } from '../../../shared/contract/row-batch'
import type { EncodedRows } from '../../../shared/contract/row-batch'
import { encodeRows } from '../../../shared/contract/row-batch-rows'
import type { WireValue } from '../../../shared/contract/values'
import { cpuMs } from '../../../../test/helpers/cpu-clock'
import { ManualScheduler } from './change-scheduler'
import { RowStore } from './row-store'

const rows = (from: number, count: number): WireValue[][] =>
  Array.from({ length: count }, (_, i) => [from + i, `r${from + i}`])

function filledStore(batchSizes: number[]): RowStore {
  const store = new RowStore(new ManualScheduler().schedule)
  let next = 0
  for (const size of batchSizes) {
    store.append(encodeRows(rows(next, size)))
    next += size
  }
  return store
}

describe('RowStore', () => {
  it('counts rows across batches and ignores empty ones', () => {
    const store = filledStore([3, 0, 5, 1])
    expect(store.rowCount).toBe(9)
    store.appendRows([])
    expect(store.rowCount).toBe(9)
  })

  it('truncate keeps exactly the first rows, inside or at the edge of a batch, and appending goes on after them', () => {
    for (const keep of [0, 1, 3, 4, 8, 11, 12, 20]) {
      const store = new RowStore(new ManualScheduler().schedule)
      store.append(encodeRows(rows(0, 4)), 4)
      store.append(encodeRows(rows(4, 4)), 4)
      store.appendRows(rows(8, 4))
      store.get(5, 0) // one batch open for reading: the reader must not outlive the cut
      store.truncate(keep)
      const kept = Math.min(keep, 12)
      expect(store.rowCount).toBe(kept)
      expect(Array.from({ length: kept }, (_, i) => store.get(i, 0))).toEqual(rows(0, kept).map((r) => r[0]))
      expect(store.getRow(kept)).toBeUndefined()
      store.append(encodeRows(rows(100, 2)), 2)
      expect([store.get(kept, 0), store.get(kept + 1, 1)]).toEqual([100, 'r101'])
    }
  })

  it('reads batches with dictionary, packed and plain columns side by side, exactly, and holds them compact', () => {
    const wide = (from: number, count: number): WireValue[][] =>
      Array.from({ length: count }, (_, k) => {
        const i = from + k
        return [i, i % 9 === 0 ? null : ['web', 'ios', '', 'café'][i % 4]!, `payload ${i} `.repeat(1 + (i % 7))]
      })
    const store = new RowStore(new ManualScheduler().schedule)
    const expected: WireValue[][] = []
    for (const [from, count, encode] of [
      [0, 3000, true],
      [3000, 500, false],
      [3500, 4000, true],
    ] as const) {
      const batch = encodeRows(wide(from, count), 3, { encode })
      store.append(batch, count)
      expected.push(...wide(from, count))
    }
    store.appendRows(wide(7500, 10))
    expected.push(...wide(7500, 10))
    const plainBytes = [wide(0, 3000), wide(3000, 500), wide(3500, 4000)].reduce(
      (sum, part) => sum + encodeRows(part, 3, { encode: false }).byteLength,
      0,
    )
    expect(store.batchBytes).toBeLessThan(plainBytes / 2)
    for (let row = 0; row < expected.length; row += 13)
      expect([store.get(row, 0), store.get(row, 1), store.get(row, 2)]).toStrictEqual(expected[row])
    expect(store.getRow(7499)).toStrictEqual(expected[7499])
    expect(store.get(9, 1)).toBeNull()
    expect(store.get(2, 1)).toBe('')
    store.truncate(1234)
    expect(store.rowCount).toBe(1234)
    expect(store.getRow(1233)).toStrictEqual(expected[1233])
  })

  it('finds every row across uneven chunk boundaries, in any order', () => {
    const sizes = [1, 7, 2, 1, 1, 50, 3, 1000, 1, 13]
    const total = sizes.reduce((a, b) => a + b, 0)
    const store = filledStore(sizes)
    expect(store.rowCount).toBe(total)
    for (let r = 0; r < total; r++) expect(store.get(r, 0)).toBe(r)
    for (let r = total - 1; r >= 0; r -= 3) expect(store.get(r, 1)).toBe(`r${r}`)
    for (const r of [1078, 0, 500, 10, 11, 1, 8, 9, 1077, 64]) expect(store.get(r, 0)).toBe(r)
  })

  it('returns null outside the result', () => {
    const store = filledStore([2])
    expect(store.get(-1, 0)).toBeNull()
    expect(store.get(2, 0)).toBeNull()
    expect(store.get(0, 5)).toBeNull()
    expect(store.getRow(2)).toBeUndefined()
  })

  it('keeps appended arrays as chunks instead of copying them', () => {
    const store = filledStore([])
    const batch = rows(0, 3)
    store.appendRows(batch)
    expect(store.getRow(1)).toBe(batch[1])
  })

  it('coalesces many appends into one throttled signal', () => {
    const scheduler = new ManualScheduler()
    const store = new RowStore(scheduler.schedule)
    let signals = 0
    store.subscribe(() => signals++)
    store.setColumns([{ name: 'id', type: 'integer' }])
    for (let i = 0; i < 100; i++) store.appendRows(rows(i * 10, 10))
    expect(signals).toBe(0)
    expect(scheduler.size).toBe(1)
    scheduler.run()
    expect(signals).toBe(1)
    expect(store.rowCount).toBe(1000)
    scheduler.run()
    expect(signals).toBe(1)
    store.appendRows(rows(1000, 1))
    scheduler.run()
    expect(signals).toBe(2)
  })

  it('bumps its version once per signal and stops signalling after unsubscribe', () => {
    const scheduler = new ManualScheduler()
    const store = new RowStore(scheduler.schedule)
    let signals = 0
    const off = store.subscribe(() => signals++)
    const before = store.version
    store.appendRows(rows(0, 5))
    store.appendRows(rows(5, 5))
    expect(store.version).toBe(before)
    scheduler.run()
    expect(store.version).toBe(before + 1)
    off()
    store.appendRows(rows(10, 5))
    scheduler.run()
    expect(signals).toBe(1)
  })

  it('flush() delivers a pending signal at once', () => {
    const scheduler = new ManualScheduler()
    const store = new RowStore(scheduler.schedule)
    let signals = 0
    store.subscribe(() => signals++)
    store.appendRows(rows(0, 1))
    store.flush()
    expect(signals).toBe(1)
    expect(scheduler.size).toBe(0)
    store.flush()
    expect(signals).toBe(1)
  })

  it('clear() drops rows and columns and signals', () => {
    const scheduler = new ManualScheduler()
    const store = new RowStore(scheduler.schedule)
    store.setColumns([{ name: 'id', type: null }])
    store.appendRows(rows(0, 10))
    scheduler.run()
    let signals = 0
    store.subscribe(() => signals++)
    store.clear()
    scheduler.run()
    expect(signals).toBe(1)
    expect(store.rowCount).toBe(0)
    expect(store.columns).toEqual([])
    expect(store.get(0, 0)).toBeNull()
    store.setColumns([{ name: 'x', type: null }])
    store.appendRows([[42]])
    expect(store.get(0, 0)).toBe(42)
  })

  it('refuses new columns while it holds rows of another result', () => {
    const store = filledStore([1])
    expect(() => store.setColumns([{ name: 'x', type: null }])).toThrow(/clear/)
  })

  it('with a count, opens a batch only when one of its cells is first read; a broken batch reads as NULLs', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    store.append(encodeRows(rows(0, 3)), 3)
    store.append(new Uint8Array(24) as EncodedRows, 2)
    store.append(encodeRows(rows(5, 4)), 4)
    store.append(encodeRows([]), 0)
    expect(store.rowCount).toBe(9)
    expect(store.openBatches).toBe(0)
    expect(store.get(8, 1)).toBe('r8')
    expect(store.get(0, 0)).toBe(0)
    expect(store.getRow(0)).toEqual([0, 'r0'])
    expect(store.openBatches).toBe(2)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(store.get(3, 0)).toBeNull()
    expect(store.get(4, 0)).toBeNull()
    expect(errors).toHaveBeenCalledTimes(1)
    errors.mockRestore()
  })

  it('opens each batch once, when a cell of it is first read, and holds its bytes as received', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    const batches = Array.from({ length: 30 }, (_, b) => encodeRows(rows(b * 10, 10)))
    for (const batch of batches) store.append(batch, 10)
    expect(store.openBatches).toBe(0)
    for (let r = 0; r < 100; r++) expect(store.get(r, 0)).toBe(r)
    expect(store.openBatches).toBe(10)
    expect(store.get(299, 1)).toBe('r299')
    expect(store.openBatches).toBe(11)
    expect(store.batchBytes).toBe(batches.reduce((sum, batch) => sum + batch.byteLength, 0))
    store.clear()
    expect(store.openBatches).toBe(0)
  })

  it('decodes only the cell read: every other cell of the batch is unreadable and never touched', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    const batch = encodeRows(
      rows(0, 50).map((r, i) => [...r, { $: 'int', v: '9007199254740993' }, `q"[{${i}}]\\`]),
      undefined,
      { encode: false },
    )
    // Corrupt the offsets of every text cell but row 7's in columns 1 and 3 (compact TEXT16 columns):
    // decoding any of them throws.
    const view = new DataView(batch.buffer, batch.byteOffset)
    for (const col of [1, 3]) {
      expect(view.getUint32(16 + col * 16, true)).toBe(KIND_TEXT16)
      const offsets = view.getUint32(16 + col * 16 + 8, true)
      for (let r = 0; r < 50; r++) if (r !== 7 && r !== 8) view.setUint16(offsets + r * 2, 0xffff, true)
    }
    store.append(batch, 50)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect([store.get(7, 0), store.get(7, 1), store.get(7, 2), store.get(7, 3)]).toEqual([
      7,
      'r7',
      { $: 'int', v: '9007199254740993' },
      'q"[{7}]\\',
    ])
    expect(store.getRow(7)).toEqual([7, 'r7', { $: 'int', v: '9007199254740993' }, 'q"[{7}]\\'])
    expect(errors).not.toHaveBeenCalled()
    expect(store.get(8, 1)).toBeNull()
    expect(errors).toHaveBeenCalledTimes(1)
    errors.mockRestore()
  })

  it('fits a batch whose announced count was wrong, so later rows keep their index', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    store.append(encodeRows(rows(0, 2)), 3)
    store.append(encodeRows(rows(3, 2)), 1)
    store.appendRows(rows(4, 1))
    expect(store.rowCount).toBe(5)
    expect(store.get(1, 0)).toBe(1)
    expect(store.get(2, 0)).toBeNull()
    expect(store.get(3, 0)).toBe(3)
    expect(store.get(4, 0)).toBe(4)
    expect(warn).toHaveBeenCalledTimes(2)
    warn.mockRestore()
  })

  it('holds 1,000,000 rows in 1,000-row batches and looks them up fast', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    const batch = 1000
    const encoded = Array.from({ length: 1000 }, (_, b) => encodeRows(rows(b * batch, batch)))
    let t = cpuMs()
    for (const e of encoded) store.append(e)
    const appendMs = cpuMs() - t
    expect(store.rowCount).toBe(1_000_000)

    const lazy = new RowStore(new ManualScheduler().schedule)
    t = cpuMs()
    for (const e of encoded) lazy.append(e, batch)
    const lazyAppendMs = cpuMs() - t
    expect(lazy.rowCount).toBe(1_000_000)
    expect(lazy.get(765_432, 1)).toBe('r765432')

    t = cpuMs()
    let sum = 0
    for (let r = 0; r < 1_000_000; r++) sum += store.get(r, 0) as number
    const sequentialMs = cpuMs() - t
    expect(sum).toBe((999_999 * 1_000_000) / 2)

    t = cpuMs()
    let x = 12345
    for (let i = 0; i < 1_000_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      const r = x % 1_000_000
      if (store.get(r, 0) !== r) throw new Error(`row ${r}`)
    }
    const randomMs = cpuMs() - t
    console.info(
      `1M rows (CPU time): append (decode included) ${appendMs.toFixed(0)} ms; append with counts ${lazyAppendMs.toFixed(1)} ms; ` +
        `1M sequential gets ${sequentialMs.toFixed(0)} ms; 1M random gets ${randomMs.toFixed(0)} ms`,
    )
    expect(sequentialMs).toBeLessThan(1000)
    expect(randomMs).toBeLessThan(2000)
  })
})
