import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { ConnectionStore } from '../../src/main/services/connection-store'
import { freeNames, importConnections } from '../../src/main/services/connection-transfer'
import { CONNECTION_EXPORT_FORMAT } from '../../src/shared/contract'

const exportText = (names: string[]) =>
  JSON.stringify({
    format: CONNECTION_EXPORT_FORMAT,
    version: 1,
    connections: names.map((name) => ({ name, engine: 'sqlite', file: '/tmp/quarry-none.db' })),
  })

describe('importing connections', () => {
  it('10,000 connections with one name import in linear time, each under a free name', async () => {
    // A quarter of the rows first: linear time is ~4× it for all of them, quadratic ~16×.
    const quarterStore = new ConnectionStore(null)
    const q0 = performance.now()
    await importConnections(quarterStore, exportText(Array.from({ length: 2_500 }, () => 'same')))
    const quarter = performance.now() - q0
    const store = new ConnectionStore(null)
    const t0 = performance.now()
    const report = await importConnections(store, exportText(Array.from({ length: 10_000 }, () => 'same')))
    const elapsed = performance.now() - t0
    console.log(
      `[import] 2,500 / 10,000 same-name connections imported in ${quarter.toFixed(0)} / ${elapsed.toFixed(0)} ms`,
    )
    expect(report.imported).toHaveLength(10_000)
    expect(report.imported[0]).toMatchObject({ name: 'same' })
    expect(report.imported[9_999]).toMatchObject({ name: 'same (10000)', renamedFrom: 'same' })
    expect(new Set(store.list().map((c) => c.profile.name)).size).toBe(10_000)
    // Quadratic renaming took 8.8–20 s on the shared machine; linear takes well under a second when
    // quiet (3 s at load 18, so the bound is the growth, not the time).
    expect(elapsed).toBeLessThan(Math.max(10 * quarter, 1_000))
  })

  it('names already taken, and names that look like suffixed ones, are never reused', () => {
    const names = freeNames(new Set(['a', 'a (2)', 'a (4)']))
    expect(['a', 'a', 'a', 'a (2)', 'b', 'a'].map((name) => names.take(name))).toEqual([
      'a (3)',
      'a (5)',
      'a (6)',
      'a (2) (2)',
      'b',
      'a (7)',
    ])
  })
})
