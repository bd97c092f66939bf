import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionEdits, DriverConnection, SessionHandle } from '../../src/main/drivers/driver'
import { APPLY_CANCELLED } from '../../src/main/drivers/edits/edit-run'
import { EditService } from '../../src/main/services/edit-service'
import type { HistoryRecord } from '../../src/main/services/history-store'
import { TabSessions } from '../../src/main/services/sessions/tab-sessions'
import type { ConnectionSummary, EditRequest, EngineId, RowChange } from '../../src/shared/contract'
import { engineOf } from '../../src/shared/engines/engine-list'
import { EDIT_FIXTURES } from '../helpers/edit-fixtures'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf, sleep } from '../helpers/streams'
import { recordingClient } from '../services/recording-client'
import { engines } from './engines'

/** The engines whose applies bound their lock waits, and how each reads that bound in a session. */
const LOCK_SETTING: Partial<Record<EngineId, string>> = {
  sqlite: 'PRAGMA busy_timeout',
  postgres: 'SHOW lock_timeout',
  mysql: 'SELECT @@SESSION.innodb_lock_wait_timeout, @@SESSION.lock_wait_timeout',
  mssql: 'SELECT @@LOCK_TIMEOUT',
}

/**
 * An apply that meets a row another session has locked (its open transaction updated it) never
 * waits forever: a cancel stops the waiting statement in the engine and rolls everything back
 * within about a second, and the engine's lock-wait bound fails it with a plain message. Either
 * way nothing is applied and the tab's session goes on working, its own transaction intact.
 * SQLite waits for another connection's lock inside one engine call that nothing interrupts: a
 * cancel there ends the tab's session (its host process), which rolls back everything, and says so.
 */
const withLocks = engines.filter((make) => LOCK_SETTING[make().engine] !== undefined)

describe.each(withLocks.map((make) => [make().engine, make] as const))('%s: edits and locked rows', (engine, make) => {
  const harness = make()
  const { transactions } = engineOf(engine)
  /** Whether a cancel during a lock wait can only end the session (see above). */
  const cancelEndsSession = engine === 'sqlite'
  let db: TestDatabase
  let connection: DriverConnection
  let other: DriverConnection
  let edits: ConnectionEdits
  let blocker: SessionHandle | null = null
  const q = (name: string) => harness.driver().quoteIdentifier(name)
  const on = async (sql: string, session?: SessionHandle, from: DriverConnection = connection) =>
    (await collect(from.stream(sql, { batchSize: 100, ...(session ? { session: session.held } : {}) }))).rows
  const names = async () => (await on(`SELECT name FROM ${q('items')} ORDER BY id`)).map(([name]) => name)
  const request = (changes: RowChange[]): EditRequest => ({ target: { schema: db.schema, table: 'items' }, changes })
  /** Renames rows 1 and 2: the first runs, the second waits for the lock on row 2. */
  const renames = () =>
    request([
      { op: 'update', original: { id: 1, name: 'one', qty: 10 }, set: { name: { value: 'mine-1' } } },
      { op: 'update', original: { id: 2, name: 'two', qty: 20 }, set: { name: { value: 'mine-2' } } },
    ])
  /** Another connection's open transaction updates row 2 and keeps its lock. */
  const lockRow2 = async () => {
    blocker = await other.openSession!(db.name)
    await on(transactions!.begin, blocker, other)
    await on(`UPDATE ${q('items')} SET qty = qty WHERE id = 2`, blocker, other)
  }

  beforeAll(async () => {
    db = await harness.createDatabase('edit_locks', EDIT_FIXTURES[engine]!.setup)
    connection = await harness.driver().connect(db.options)
    other = await harness.driver().connect(db.options)
    edits = connection.edits!
  })
  afterEach(async () => {
    await blocker?.close() // rolls its transaction back
    blocker = null
  })
  afterAll(async () => {
    await connection?.close()
    await other?.close()
    await harness.cleanup()
  })

  it("a cancel stops the waiting statement within a second; nothing is applied; the tab's session works after", async () => {
    await lockRow2()
    const tab = await connection.openSession!(db.name)
    try {
      const setting = await on(LOCK_SETTING[engine]!, tab)
      const controller = new AbortController()
      const applying = edits.apply(renames(), {
        database: db.name,
        manualCommit: false,
        session: tab.held,
        transaction: await tab.transaction(),
        signal: controller.signal,
      })
      await sleep(700) // row 1 is renamed by now, row 2 waits
      const cancelledAt = performance.now()
      controller.abort()
      const error = await failureOf(applying, 'cancelled')
      const took = performance.now() - cancelledAt
      expect(error.message).toBe(APPLY_CANCELLED)
      expect(took, `cancel took ${Math.round(took)} ms`).toBeLessThan(1000)
      console.log(`[${engine}] cancel answered in ${Math.round(took)} ms`)
      expect(tab.held.usable).toBe(!cancelEndsSession)
      if (cancelEndsSession) {
        await blocker!.close()
        expect(await names()).toEqual(['one', 'two', 'three'])
        return
      }
      expect(await tab.transaction()).toBe('idle')
      expect(await on(LOCK_SETTING[engine]!, tab)).toEqual(setting)
      expect(await on(`SELECT name FROM ${q('items')} WHERE id = 1`, tab)).toEqual([['one']])
      await blocker!.close()
      expect(await names()).toEqual(['one', 'two', 'three'])
    } finally {
      await tab.close()
    }
  })

  it("in the tab's open transaction a cancel undoes only the apply (its savepoint): the tab's own change stays", async () => {
    await lockRow2()
    const tab = await connection.openSession!(db.name)
    try {
      await on(transactions!.begin, tab)
      // SQLite has one writer at a time: while the other connection writes, the tab can only read.
      if (!cancelEndsSession) await on(`UPDATE ${q('items')} SET name = 'tab-own' WHERE id = 3`, tab)
      const controller = new AbortController()
      const applying = edits.apply(renames(), {
        database: db.name,
        manualCommit: false,
        session: tab.held,
        transaction: await tab.transaction(),
        signal: controller.signal,
      })
      await sleep(700)
      controller.abort()
      const { message } = await failureOf(applying, 'cancelled')
      if (cancelEndsSession) {
        expect(message).toBe(
          `${APPLY_CANCELLED}, and so was the tab's open transaction: stopping the apply ended the tab's session`,
        )
        await blocker!.close()
        expect(await names()).toEqual(['one', 'two', 'three'])
        return
      }
      expect(message).toBe(APPLY_CANCELLED)
      expect(await tab.transaction()).toBe('open')
      expect(await on(`SELECT name FROM ${q('items')} ORDER BY id`, tab)).toEqual([['one'], ['two'], ['tab-own']])
      await on(transactions!.rollback, tab)
    } finally {
      await tab.close()
    }
  })

  it('the lock-wait bound fails the apply with a plain message, everything rolled back, the setting restored', async () => {
    await lockRow2()
    const tab = await connection.openSession!(db.name)
    try {
      const setting = await on(LOCK_SETTING[engine]!, tab)
      const started = performance.now()
      const applying = edits.apply(renames(), {
        database: db.name,
        manualCommit: false,
        session: tab.held,
        transaction: await tab.transaction(),
        lockWaitMs: 1000,
      })
      const error = await failureOf(applying, 'timeout')
      // SQLite locks the whole database: its first change already waits.
      const took = performance.now() - started
      expect(error.message).toMatch(
        /^Change [12] failed: the row is locked by another session .*every change was rolled back/,
      )
      expect(took, `took ${Math.round(took)} ms`).toBeGreaterThan(900)
      expect(took, `took ${Math.round(took)} ms`).toBeLessThan(4000)
      console.log(`[${engine}] a 1 s lock-wait bound failed the apply after ${Math.round(took)} ms`)
      expect(await tab.transaction()).toBe('idle')
      expect(await on(LOCK_SETTING[engine]!, tab)).toEqual(setting)
      await blocker!.close()
      expect(await names()).toEqual(['one', 'two', 'three'])
      // The row free again, the same apply goes through on the same session.
      const outcome = await edits.apply(renames(), { database: db.name, manualCommit: false, session: tab.held })
      expect(outcome.kind).toBe('applied')
      await edits.apply(
        request([
          { op: 'update', original: { id: 1, name: 'mine-1', qty: 10 }, set: { name: { value: 'one' } } },
          { op: 'update', original: { id: 2, name: 'mine-2', qty: 20 }, set: { name: { value: 'two' } } },
        ]),
        { database: db.name, manualCommit: false },
      )
    } finally {
      await tab.close()
    }
  })

  it("the bound never outlives the apply: manual commit's open transaction and the tab's own keep their setting", async () => {
    const tab = await connection.openSession!(db.name)
    try {
      const setting = await on(LOCK_SETTING[engine]!, tab)
      const rename = (from: string, to: string) =>
        request([{ op: 'update', original: { id: 1, name: from, qty: 10 }, set: { name: { value: to } } }])
      const options = { database: db.name, session: tab.held }
      const manual = await edits.apply(rename('one', 'uno'), { ...options, manualCommit: true, transaction: 'idle' })
      expect(manual).toMatchObject({ kind: 'applied', committed: false })
      expect(await tab.transaction()).toBe('open')
      expect(await on(LOCK_SETTING[engine]!, tab)).toEqual(setting)
      // Now inside the open transaction: a savepoint.
      const nested = await edits.apply(rename('uno', 'one'), { ...options, manualCommit: false, transaction: 'open' })
      expect(nested.kind).toBe('applied')
      expect(await on(LOCK_SETTING[engine]!, tab)).toEqual(setting)
      await on(transactions!.rollback, tab)
      expect(await on(LOCK_SETTING[engine]!, tab)).toEqual(setting)
    } finally {
      await tab.close()
    }
  })

  it('a whole table locked by another session: the same bound, the same plain message', async () => {
    const lockTable: Partial<Record<EngineId, string>> = {
      // SHARE blocks writes, not the catalog read the plan makes (ACCESS EXCLUSIVE: below).
      postgres: `LOCK TABLE ${q('items')} IN SHARE MODE`,
      mysql: `LOCK TABLES ${q('items')} WRITE`,
      mssql: `SELECT COUNT(*) FROM ${q('items')} WITH (TABLOCKX, HOLDLOCK)`,
    }
    if (!lockTable[engine]) return // SQLite: a writer locks the whole database already (above)
    blocker = await other.openSession!(db.name)
    await on(transactions!.begin, blocker, other)
    await on(lockTable[engine]!, blocker, other)
    const started = performance.now()
    const applying = edits.apply(renames(), { database: db.name, manualCommit: false, lockWaitMs: 1000 })
    const error = await failureOf(applying, 'timeout')
    const took = performance.now() - started
    expect(error.message).toMatch(
      /^Change 1 failed: the row is locked by another session .*every change was rolled back/,
    )
    expect(took, `took ${Math.round(took)} ms`).toBeLessThan(4000)
    console.log(`[${engine}] a table lock failed the apply after ${Math.round(took)} ms`)
    await blocker!.close()
    expect(await names()).toEqual(['one', 'two', 'three'])
  })

  it('a table no one can even read (PostgreSQL ACCESS EXCLUSIVE): a cancel still answers at once', async () => {
    if (engine !== 'postgres') return
    blocker = await other.openSession!(db.name)
    await on(transactions!.begin, blocker, other)
    await on(`LOCK TABLE ${q('items')} IN ACCESS EXCLUSIVE MODE`, blocker, other)
    const controller = new AbortController()
    const applying = edits.apply(renames(), { database: db.name, manualCommit: false, signal: controller.signal })
    await sleep(500) // the plan's catalog read waits for the table
    const cancelledAt = performance.now()
    controller.abort()
    expect((await failureOf(applying, 'cancelled')).message).toBe(APPLY_CANCELLED)
    expect(performance.now() - cancelledAt).toBeLessThan(200)
    await blocker!.close()
    expect(await names()).toEqual(['one', 'two', 'three'])
  })

  it('over the service: edits.cancel by applyId stops the apply (answered once it has ended), History says cancelled; a client going away stops its applies', async () => {
    await lockRow2()
    const summary = { engine, readOnly: false, safeMode: false } as ConnectionSummary
    const get = async () => connection
    const sessions = new TabSessions({ get, driverFor: () => harness.driver() })
    const history: HistoryRecord[] = []
    const service = new EditService({ get, summary: () => summary }, sessions, (entry) => history.push(entry))
    const { client } = recordingClient()
    const applying = service.apply(client, { connectionId: 'c', database: db.name, applyId: 'a1', ...renames() })
    await expect(
      service.apply(client, { connectionId: 'c', database: db.name, applyId: 'a1', ...renames() }),
    ).rejects.toThrow(/already running/)
    await sleep(700)
    const cancelledAt = performance.now()
    expect(await service.cancel(client, 'a1')).toBe(true)
    expect(performance.now() - cancelledAt).toBeLessThan(1000)
    expect((await failureOf(applying, 'cancelled')).message).toBe(APPLY_CANCELLED)
    expect(await service.cancel(client, 'a1')).toBe(false)
    expect(history.at(-1)).toMatchObject({ outcome: 'cancelled', error: null })
    // An apply without an id stops too when its client goes away.
    const leaving = recordingClient('leaving')
    const orphan = service.apply(leaving.client, { connectionId: 'c', database: db.name, ...renames() })
    await sleep(700)
    leaving.disconnect()
    expect((await failureOf(orphan, 'cancelled')).message).toBe(APPLY_CANCELLED)
    await blocker!.close()
    expect(await names()).toEqual(['one', 'two', 'three'])
    await sessions.closeAll()
  })
})
