import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection, SessionHandle } from '../../src/main/drivers/driver'
import { engineOf } from '../../src/shared/engines/engine-list'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

/**
 * An editor tab's own session (DriverConnection.openSession), on every engine with transactions:
 * what a tab runs carries to its next run, the transaction state comes from the server, and
 * closing rolls back. Other sessions of the connection see only what was committed.
 */
const withSessions = engines.filter((make) => engineOf(make().engine).transactions !== null)

describe.each(withSessions.map((make) => [make().engine, make] as const))('%s: tab sessions', (engine, make) => {
  const harness = make()
  const { begin, commit, rollback } = engineOf(engine).transactions!
  let db: TestDatabase
  let connection: DriverConnection
  const open = async (): Promise<SessionHandle> => {
    if (!connection.openSession) throw new Error(`${engine} has transactions but no openSession`)
    return connection.openSession(db.options.database)
  }
  const run = async (tab: SessionHandle, sql: string) =>
    collect(connection.stream(sql, { batchSize: 100, session: tab.held }))
  /** What the pooled sessions (everyone else) see. */
  const committed = async () => (await connection.execute('SELECT x FROM t')).rows.map((row) => Number(row[0]))

  beforeAll(async () => {
    db = await harness.createDatabase('tabs', ['CREATE TABLE t (x INTEGER)', 'INSERT INTO t VALUES (1)'])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('BEGIN, a change and ROLLBACK run one at a time act on one session; the state comes from the server', async () => {
    const tab = await open()
    try {
      expect(await tab.transaction()).toBe('idle')
      await run(tab, begin)
      expect(await tab.transaction()).toBe('open')
      await run(tab, 'UPDATE t SET x = 2')
      expect((await run(tab, 'SELECT x FROM t')).rows).toEqual([[2]])
      expect(await committed()).toEqual([1])
      await run(tab, rollback)
      expect(await tab.transaction()).toBe('idle')
      expect(await committed()).toEqual([1])
      expect(tab.held.usable).toBe(true)
    } finally {
      await tab.close()
    }
  })

  it('COMMIT makes the change everyone’s', async () => {
    const tab = await open()
    try {
      await run(tab, begin)
      await run(tab, 'UPDATE t SET x = 3')
      await run(tab, commit)
      expect(await tab.transaction()).toBe('idle')
      expect(await committed()).toEqual([3])
      await run(tab, 'UPDATE t SET x = 1')
    } finally {
      await tab.close()
    }
  })

  it('closing a tab with an open transaction rolls it back', async () => {
    const tab = await open()
    await run(tab, begin)
    await run(tab, 'UPDATE t SET x = 4')
    await tab.close()
    expect(tab.held.usable).toBe(false)
    expect(await committed()).toEqual([1])
    await tab.close() // idempotent
  })

  // Servers: twenty server sessions; file engines: a host process (SQLite) or connection each, so fewer.
  const tabCount = engineOf(engine).target === 'server' ? 20 : 6
  it(`${tabCount} tabs hold ${tabCount} sessions beside the pool, and a pooled query still runs`, async () => {
    const tabs: SessionHandle[] = []
    try {
      for (let i = 0; i < tabCount; i++) tabs.push(await open())
      for (const tab of tabs.slice(0, 3)) await run(tab, begin)
      expect(await committed()).toEqual([1])
      expect(await Promise.all(tabs.map((tab) => tab.transaction()))).toEqual([
        ...Array(3).fill('open'),
        ...Array(tabCount - 3).fill('idle'),
      ])
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()))
    }
  }, 60_000)
})
