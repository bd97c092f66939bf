import { describe, expect, it, vi } from 'vitest'
import { encodeRows, type EncodedRows, type WireValue } from '../../../shared/contract/values'
import { cpuMs } from '../../../../test/helpers/cpu-clock'
import { ManualScheduler } from './change-scheduler'
import { DECODED_CHUNKS, RowStore } from './row-store'

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
      store.get(5, 0) // one batch decoded, one row parsed alone: the caches must not outlive the cut
      store.truncate(keep)
      const kept = Math.min(keep, 12)
      expect(store.rowCount).toBe(kept)
      expect(Array.from({ length: kept }, (_, i) => store.get(i, 0))).toEqual(rows(0, kept).map((r) => r[0]))
      expect(store.getRow(kept)).toBeUndefined()
      store.append(encodeRows(rows(100, 2)), 2)
      expect([store.get(kept, 0), store.get(kept + 1, 1)]).toEqual([100, 'r101'])
    }
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

  it('with a count, parses a batch only when one of its rows is first read', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    store.append(encodeRows(rows(0, 3)), 3)
    store.append('not json at all' as EncodedRows, 2)
    store.append(encodeRows(rows(5, 4)), 4)
    store.append(encodeRows([]), 0)
    expect(store.rowCount).toBe(9)
    expect(store.get(8, 1)).toBe('r8')
    expect(store.get(0, 0)).toBe(0)
    expect(store.getRow(0)).toBe(store.getRow(0))
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(store.get(3, 0)).toBeNull()
    expect(store.get(4, 0)).toBeNull()
    expect(errors).toHaveBeenCalledTimes(1)
    errors.mockRestore()
  })

  it('keeps at most DECODED_CHUNKS batches decoded, re-reading evicted ones from their text', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    for (let b = 0; b < 3 * DECODED_CHUNKS; b++) store.append(encodeRows(rows(b * 10, 10)), 10)
    for (let r = 0; r < store.rowCount; r++) expect(store.get(r, 0)).toBe(r)
    expect(store.decodedChunks).toBe(DECODED_CHUNKS)
    // The batch in view stays decoded while others come and go (least recently used goes first).
    const inView = store.getRow(5)
    for (let b = 1; b < 3 * DECODED_CHUNKS; b++) {
      store.get(b * 10, 1)
      expect(store.getRow(5)).toBe(inView)
    }
    expect(store.get(0, 1)).toBe('r0')
    store.clear()
    expect(store.decodedChunks).toBe(0)
  })

  it('reads rows at random (a sorted view) one at a time, without decoding their batches', () => {
    const store = new RowStore(new ManualScheduler().schedule)
    const text = (from: number) =>
      encodeRows(rows(from, 50).map((r, i) => [...r, { $: 'int', v: '9007199254740993' }, `q"[{${i}}]\\`]))
    for (let b = 0; b < 40; b++) store.append(text(b * 50), 50)
    for (const r of [1_999, 3, 1_234, 777, 50, 1_998]) {
      expect(store.get(r, 0)).toBe(r)
      expect(store.get(r, 1)).toBe(`r${r}`)
      expect(store.get(r, 3)).toBe(`q"[{${r % 50}}]\\`)
    }
    expect(store.decodedChunks).toBe(0)
    // Reading on in one batch (scrolling) decodes it whole.
    for (let r = 100; r < 150; r++) expect(store.get(r, 0)).toBe(r)
    expect(store.decodedChunks).toBe(1)
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
