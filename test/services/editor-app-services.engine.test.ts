import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import type { HistoryEntry, QueryPlan, SavedQueryTab } from '../../src/shared/contract'
import { recordingClient } from './recording-client'

/** Query tabs, History and Explain through the contract, and a restart over the same data directory. */
describe('editor services over the contract', () => {
  let dir: string
  const start = (): AppServices =>
    createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-editor-'))
    const db = new Database(join(dir, 'sample.db'))
    db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total REAL);
      INSERT INTO customers VALUES (1, 'Ada'), (2, 'Alan');
      INSERT INTO orders VALUES (1, 1, 10.5), (2, 2, 3), (3, 1, 7);`)
    db.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const tabs: SavedQueryTab[] = [
    { id: 'query-1', title: 'Query 1', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT * FROM orders;' },
    { id: 'query-2', title: 'Query 2', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 2;\nSELECT 3' },
  ]

  it('brings back the tabs, their SQL and every run after a restart', async () => {
    const first = start()
    const recorder = recordingClient()
    expect(await first.dispatch('tabs.load', {}, recorder.client)).toEqual({
      ok: true,
      value: { tabs: [], activeId: null, closed: [], problem: null },
    })
    expect(await first.dispatch('tabs.save', { tabs, activeId: 'query-2' }, recorder.client)).toEqual({
      ok: true,
      value: { saved: 2 },
    })
    await first.dispatch(
      'query.start',
      { connectionId: 'sample', queryId: 'q1', sql: 'SELECT count(*) FROM orders' },
      recorder.client,
    )
    await recorder.waitForEnd()
    const failing = recordingClient()
    await first.dispatch(
      'query.start',
      { connectionId: 'sample', queryId: 'q2', sql: 'SELEC nonsense' },
      failing.client,
    )
    await failing.waitForEnd()
    await first.close()

    const second = start()
    const { client } = recordingClient('after-restart')
    expect(await second.dispatch('tabs.load', {}, client)).toEqual({
      ok: true,
      value: { tabs, activeId: 'query-2', closed: [], problem: null },
    })
    const history = await second.dispatch('history.search', { query: '' }, client)
    expect(history).toMatchObject({
      ok: true,
      value: [
        { sql: 'SELEC nonsense', outcome: 'error', connectionId: 'sample', error: { kind: 'syntax' } },
        { sql: 'SELECT count(*) FROM orders', outcome: 'done', rowCount: 1, connectionId: 'sample', engine: 'sqlite' },
      ],
    })
    const found = await second.dispatch('history.search', { query: 'count orders' }, client)
    expect(found.ok && (found.value as HistoryEntry[]).map((entry) => entry.sql)).toEqual([
      'SELECT count(*) FROM orders',
    ])
    await second.close()
  })

  it('validates tabs.save: unique ids, known engines, bounded SQL', async () => {
    const services = start()
    const { client } = recordingClient()
    const duplicate = await services.dispatch('tabs.save', { tabs: [tabs[0], tabs[0]], activeId: null }, client)
    expect(duplicate).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'tabs' } })
    const badEngine = await services.dispatch(
      'tabs.save',
      { tabs: [{ ...tabs[0], engine: 'oracle' }], activeId: null },
      client,
    )
    expect(badEngine).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'tabs.0.engine' } })
    await services.close()
  })

  it('explains a join on SQLite into a plan tree, and refuses two statements', async () => {
    const services = start()
    const { client } = recordingClient()
    const sql = 'SELECT c.name, o.total FROM orders o JOIN customers c ON c.id = o.customer_id;'
    const plan = await services.dispatch('query.explain', { connectionId: 'sample', sql }, client)
    expect(plan).toMatchObject({
      ok: true,
      value: { engine: 'sqlite', analyzed: false, explainSql: `EXPLAIN QUERY PLAN ${sql.slice(0, -1)}` },
    })
    const labels = plan.ok ? (plan.value as QueryPlan).root.children.map((node) => node.label) : []
    expect(labels).toEqual(['SCAN o', 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)'])
    const two = await services.dispatch('query.explain', { connectionId: 'sample', sql: 'SELECT 1; SELECT 2' }, client)
    expect(two).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/one statement/) },
    })
    const analyze = await services.dispatch('query.explain', { connectionId: 'sample', sql, analyze: true }, client)
    expect(analyze).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    await services.close()
  })
})
