import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { decodeRows } from '../../src/shared/contract'
import type { EventPayloads } from '../../src/shared/contract'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { recordingClient } from './recording-client'

/** The whole main-process stack in-process: contract → dispatcher → services → SQLite driver. */
describe('app services over the contract, with the real SQLite driver', () => {
  let dir: string
  let services: AppServices

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-app-'))
    const db = new Database(join(dir, 'sample.db'))
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, big INTEGER, note TEXT);
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)
      INSERT INTO t SELECT x, 9007199254740993 + x, CASE WHEN x % 2 THEN '' END FROM c;`)
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
    })
  })
  afterAll(async () => {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists the sample connection and browses it', async () => {
    const { client } = recordingClient()
    const list = await services.dispatch('connections.list', {}, client)
    expect(list).toMatchObject({ ok: true, value: [{ id: 'sample', engine: 'sqlite' }] })
    const tables = await services.dispatch(
      'meta.tables',
      { connectionId: 'sample', database: 'sample', schema: 'main' },
      client,
    )
    expect(tables).toMatchObject({ ok: true, value: [{ name: 't', kind: 'table', rowCount: 20000 }] })
  })

  it('streams a query as acknowledged batches, exact, and ends done', async () => {
    const recorder = recordingClient()
    const start = await services.dispatch(
      'query.start',
      { connectionId: 'sample', queryId: 'all', sql: 'SELECT * FROM t' },
      recorder.client,
    )
    expect(start).toEqual({ ok: true, value: { queryId: 'all' } })
    const acker = setInterval(() => {
      for (const e of recorder.events) {
        if (e.event === 'query.batch')
          void services.dispatch('query.ack', { queryId: 'all', seq: e.payload.seq }, recorder.client)
      }
    }, 2)
    const end = await recorder.waitForEnd(20_000)
    clearInterval(acker)
    expect(end).toMatchObject({ outcome: 'done', rowCount: 20000, error: null })
    const batches = recorder.events
      .filter((e) => e.event === 'query.batch')
      .map((e) => e.payload as EventPayloads['query.batch'])
    expect(batches[0]!.count).toBeLessThan(batches.at(-1)!.count + 1)
    const rows = batches.flatMap((b) => decodeRows(b.rows))
    expect(rows).toHaveLength(20000)
    expect(rows[0]).toEqual([1, { $: 'int', v: '9007199254740994' }, ''])
    expect(rows[1]).toEqual([2, { $: 'int', v: '9007199254740995' }, null])
  })

  it('cancels a running statement in the engine and then runs the next one', async () => {
    const recorder = recordingClient()
    const sql = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c'
    await services.dispatch('query.start', { connectionId: 'sample', queryId: 'forever', sql }, recorder.client)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const asked = performance.now()
    expect(await services.dispatch('query.cancel', { queryId: 'forever' }, recorder.client)).toEqual({
      ok: true,
      value: { cancelled: true },
    })
    expect(performance.now() - asked).toBeLessThan(250)
    expect((await recorder.waitForEnd()).outcome).toBe('cancelled')

    const next = recordingClient()
    await services.dispatch(
      'query.start',
      { connectionId: 'sample', queryId: 'after', sql: 'SELECT 1 AS one' },
      next.client,
    )
    const batch = next.events.find((e) => e.event === 'query.batch')
    const end = await next.waitForEnd()
    expect(end).toMatchObject({ outcome: 'done', rowCount: 1 })
    expect(batch ?? next.events.find((e) => e.event === 'query.batch')).toBeDefined()
  })

  it('reports SQL errors with the engine’s words and code', async () => {
    const recorder = recordingClient()
    await services.dispatch('query.start', { connectionId: 'sample', queryId: 'bad', sql: 'SELEC 1' }, recorder.client)
    const end = await recorder.waitForEnd()
    expect(end.outcome).toBe('error')
    expect(end.error).toMatchObject({ kind: 'syntax', code: 'SQLITE_ERROR', engine: 'sqlite' })
    expect(end.error?.message).toContain('syntax error')
  })

  it('answers an unknown connection with not-found', async () => {
    const { client } = recordingClient()
    const result = await services.dispatch('meta.databases', { connectionId: 'nope' }, client)
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } })
  })
})
