import { performance } from 'node:perf_hooks'
import type { RowDataPacket } from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { MysqlConnection } from '../../../src/main/drivers/mysql/mysql-connection'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'

const ROWS = 200_000

describeMysql('mysql: cancel in the server', (harness) => {
  let db: TestDatabase
  let connection: MysqlConnection
  const { endless } = harness.fixtures

  /** The server's view of a thread: its command (Query while a statement runs), or null if gone. */
  const threadState = async (id: number) => {
    const admin = await harness.admin()
    const [rows] = await admin.query<RowDataPacket[]>(
      'SELECT COMMAND AS command, INFO AS info FROM information_schema.PROCESSLIST WHERE ID = ?',
      [id],
    )
    return rows[0] ? { command: String(rows[0].command), info: rows[0].info as string | null } : null
  }
  const queryThreads = () =>
    connection
      .diagnostics()
      .filter((s) => s.role === 'query')
      .map((s) => s.threadId)
  /** Polls until the thread runs no statement; returns how long that took. */
  const untilIdle = async (id: number, started: number) => {
    for (;;) {
      const state = await threadState(id)
      if (state?.command !== 'Query') return { state, elapsed: performance.now() - started }
      await sleep(5)
    }
  }
  const sessionThread = async () => (await connection.execute('SELECT CONNECTION_ID() AS id')).rows[0]![0] as number

  beforeAll(async () => {
    db = await harness.createDatabase('cancel', harness.fixtures.series(ROWS))
    connection = (await harness.driver().connect(db.options)) as MysqlConnection
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('KILL QUERY ends a stuck statement in the server within a second; the session lives on and is reused', async () => {
    const thread = await sessionThread()
    const controller = new AbortController()
    const stream = connection.stream(endless, { queryId: 'stuck', batchSize: 100, signal: controller.signal })
    const iterator = stream[Symbol.asyncIterator]()
    const items: StreamItem['kind'][] = []
    for (let i = 0; i < 2; i++) items.push(((await iterator.next()).value as StreamItem).kind)
    expect(items).toEqual(['statement', 'columns'])
    const next = iterator.next() // the first batch never fills: the second row sleeps
    next.catch(() => {})
    await sleep(100)
    expect((await threadState(thread))?.command).toBe('Query')

    const started = performance.now()
    controller.abort()
    const error = await failureOf(next, 'cancelled')
    expect(error).toMatchObject({ message: 'Query cancelled', engine: 'mysql' })
    const { state, elapsed } = await untilIdle(thread, started)
    console.log(`[mysql] cancel → no statement running on the thread after ${elapsed.toFixed(1)} ms`)
    expect(elapsed).toBeLessThan(1_000)
    // KILL QUERY, not KILL CONNECTION: the thread is still there, idle, and serves the next query.
    expect(state?.command).toBe('Sleep')
    expect(await sessionThread()).toBe(thread)
  })

  it('cancels a large result whose consumer is between pulls, draining the killed statement', async () => {
    const controller = new AbortController()
    const iterator = connection
      .stream('SELECT * FROM series', { queryId: 'paused', batchSize: 100, signal: controller.signal })
      [Symbol.asyncIterator]()
    for (let i = 0; i < 3; i++) await iterator.next()
    const [thread] = queryThreads()
    await sleep(100)
    // The server is blocked writing to the paused socket, still inside the statement.
    expect((await threadState(thread!))?.command).toBe('Query')
    const started = performance.now()
    controller.abort()
    await failureOf(iterator.next(), 'cancelled')
    const { elapsed } = await untilIdle(thread!, started)
    expect(elapsed).toBeLessThan(1_000)
    expect(await sessionThread()).toBe(thread)
  })

  it('an early break stops the rest of a result in the server, and the session is clean', async () => {
    // 4·10^10 rows: only a KILL ends this in time; draining it would take hours.
    const huge = 'SELECT a.id, b.id AS other FROM series a CROSS JOIN series b'
    const started = performance.now()
    for await (const item of connection.stream(huge, { queryId: 'early', batchSize: 500 })) {
      if (item.kind === 'rows') break
    }
    expect(performance.now() - started).toBeLessThan(2_000)
    const [thread] = queryThreads()
    // The session's reset (COM_RESET_CONNECTION) may still be finishing on a busy machine.
    await expect.poll(async () => (await threadState(thread!))?.command, { timeout: 1_000 }).toBe('Sleep')
    expect((await connection.execute('SELECT count(*) FROM series')).rows).toEqual([[ROWS]])
    expect(await sessionThread()).toBe(thread)
  })

  it('cancels the running statement of a script; what ran before it stays done', async () => {
    const script = `CREATE TABLE IF NOT EXISTS marks (n INT); INSERT INTO marks VALUES (1); ${endless}; INSERT INTO marks VALUES (2)`
    const kinds: string[] = []
    const controller = new AbortController()
    const run = (async () => {
      for await (const item of connection.stream(script, {
        queryId: 'script',
        batchSize: 10,
        signal: controller.signal,
      })) {
        kinds.push(item.kind)
        if (item.kind === 'columns' && kinds.filter((k) => k === 'statement').length === 3)
          setTimeout(() => controller.abort(), 100)
      }
    })()
    await failureOf(run, 'cancelled')
    expect(kinds.filter((k) => k === 'statement')).toHaveLength(3)
    expect((await connection.execute('SELECT n FROM marks')).rows).toEqual([[1]])
  })

  it('a statement killed from outside ends as cancelled and the session is reused', async () => {
    const thread = await sessionThread()
    // MariaDB and MySQL let a killed SLEEP() return 1 with no error; then the result just ends.
    const outcome = collect(connection.stream(endless, { queryId: 'outside', batchSize: 100 })).then(
      (result) => result.rows.length,
      (error: { error?: { kind: string } }) => error.error?.kind,
    )
    await sleep(150)
    const admin = await harness.admin()
    await admin.query(`KILL QUERY ${thread}`)
    expect([2, 'cancelled']).toContain(await outcome)
    expect(await sessionThread()).toBe(thread)
  })
})
