import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/app-services'
import { settledHeapMiB } from '../fuzz/heap'
import { appClient } from './app-client'
import { FAULT_ENGINES, eventually, profileFromUrl, servicesRig } from './engines'

const [postgres, mariadb] = FAULT_ENGINES as [(typeof FAULT_ENGINES)[0], (typeof FAULT_ENGINES)[1]]
const skip = !postgres.sharedUrl ? postgres.skipReason : !mariadb.sharedUrl ? mariadb.skipReason : ''
if (skip) console.log(`[load] not run: ${skip}`)

describe.skipIf(Boolean(skip))('load on the real services and servers', () => {
  const rig = servicesRig()
  let services: AppServices
  let client: ReturnType<typeof appClient>
  const connections: Array<{ id: string; engine: typeof postgres }> = []
  const sessionCounts = async () => ({
    postgres: await postgres.sessions(postgres.sharedUrl!),
    mariadb: await mariadb.sessions(mariadb.sharedUrl!),
  })
  /** The servers' client sessions before these services opened any. */
  let baselines = { postgres: 0, mariadb: 0 }

  beforeAll(async () => {
    baselines = await sessionCounts()
    services = rig.open()
    client = appClient(services.dispatch)
    for (const [engine, name] of [
      [postgres, 'pg one'],
      [postgres, 'pg two'],
      [mariadb, 'maria'],
    ] as const) {
      const { profile, password } = profileFromUrl(engine.sharedUrl!, name)
      connections.push({ id: await client.save(profile, password), engine })
    }
  })
  afterAll(async () => {
    await services?.close()
    rig.remove()
  })

  it('20 streaming queries at once over 3 connections all complete with every row', { timeout: 60_000 }, async () => {
    const started = performance.now()
    const queries = Array.from({ length: 20 }, (_, i) => {
      const { id, engine } = connections[i % 3]!
      const rows = 20_000 + i * 1_000
      return { rows, query: client.start(id, engine.rowsSql(rows)) }
    })
    const ends = await Promise.all(queries.map(({ query }) => query.ended))
    ends.forEach((end, i) => {
      const { rows, query } = queries[i]!
      expect(end, `query ${i}`).toMatchObject({ outcome: 'done', rowCount: rows, error: null })
      expect(client.received(query.queryId), `rows received by query ${i}`).toBe(rows)
    })
    const total = queries.reduce((sum, { rows }) => sum + rows, 0)
    console.log(
      `[load] 20 concurrent streams, ${total} rows over 3 connections in ${(performance.now() - started).toFixed(0)} ms`,
    )
  })

  it('1,000 queries in a row leave no leaked server session and no heap growth', { timeout: 60_000 }, async () => {
    // Warm-up: pools opened, code paths compiled, before the heap baseline.
    for (const { id } of connections) await client.run(id, 'SELECT 1')
    const before = await sessionCounts()
    const heapBefore = await settledHeapMiB()
    const started = performance.now()
    for (let i = 0; i < 1000; i++) {
      const { id } = connections[i % 3]!
      const end = await client.run(id, `SELECT ${i} AS n, 'row ${i}' AS label`)
      expect(end.outcome).toBe('done')
      client.forget(end.queryId)
    }
    const elapsed = performance.now() - started
    const heapAfter = await settledHeapMiB()
    const after = await sessionCounts()
    // Pools keep a few idle sessions while the connections are open; closing gives them all back.
    await services.close()
    const settled = async (engine: typeof postgres, baseline: number) =>
      eventually(async () => (await engine.sessions(engine.sharedUrl!)) <= baseline, 5_000)
    const back = {
      postgres: await settled(postgres, baselines.postgres),
      mariadb: await settled(mariadb, baselines.mariadb),
    }
    const closed = await sessionCounts()
    console.log(
      `[load] 1,000 queries in ${(elapsed / 1000).toFixed(1)} s; server sessions (before the app → before the 1,000 → after → app closed): ` +
        `PostgreSQL ${baselines.postgres} → ${before.postgres} → ${after.postgres} → ${closed.postgres}, ` +
        `MariaDB ${baselines.mariadb} → ${before.mariadb} → ${after.mariadb} → ${closed.mariadb}; ` +
        `heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MiB after gc`,
    )
    // Pools may keep idle sessions, but 1,000 queries in a row add none to them.
    expect(after.postgres).toBeLessThanOrEqual(before.postgres)
    expect(after.mariadb).toBeLessThanOrEqual(before.mariadb)
    expect(back).toEqual({ postgres: true, mariadb: true })
    expect(heapAfter - heapBefore).toBeLessThan(8)
    services = rig.open() // for afterAll
  })
})
