import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import type { PostgresConnection } from '../../../src/main/drivers/postgres/postgres-connection'
import { postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'

/** Starts a stream and pulls until a statement with rows described them; the next pull is left running. */
async function started(stream: AsyncIterable<StreamItem>) {
  const iterator = stream[Symbol.asyncIterator]()
  for (;;) {
    const step = await iterator.next()
    if (step.done) throw new Error('stream ended early')
    if (step.value.kind === 'columns' && step.value.columns.length > 0) break
  }
  const next = iterator.next()
  next.catch(() => {})
  return { iterator, next }
}

describe.skipIf(!postgresUrl())('postgres: cancel in the server', () => {
  const harness = postgresHarness()
  let connection: PostgresConnection
  let admin: pg.Client

  const busyPid = async (): Promise<number> => {
    const busy = (await connection.diagnostics()).sessions.filter((s) => s.role === 'query' && s.busy)
    expect(busy).toHaveLength(1)
    return busy[0]!.pid!
  }
  const activity = async (pid: number) =>
    (
      await admin.query<{ state: string; query: string }>('SELECT state, query FROM pg_stat_activity WHERE pid = $1', [
        pid,
      ])
    ).rows[0]
  /** Waits until pg_stat_activity shows the backend running a statement. */
  const untilActive = async (pid: number) => {
    for (let i = 0; i < 100 && (await activity(pid))?.state !== 'active'; i++) await sleep(10)
  }

  beforeAll(async () => {
    const db = await harness.createDatabase('cancel', harness.fixtures.series(1_000))
    connection = (await harness.driver().connect(db.options)) as PostgresConnection
    admin = await harness.admin()
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('stops the statement in the server within 1 s; the same session then runs the next query', async () => {
    const controller = new AbortController()
    const running = await started(
      connection.stream('SELECT pg_sleep(600)', { queryId: 'sleep', batchSize: 10, signal: controller.signal }),
    )
    const pid = await busyPid()
    await untilActive(pid)
    expect(await activity(pid)).toMatchObject({ state: 'active', query: 'SELECT pg_sleep(600)' })

    const t0 = performance.now()
    controller.abort()
    await failureOf(running.next, 'cancelled')
    const thrownAfter = performance.now() - t0
    let state = (await activity(pid))?.state
    while (state === 'active' && performance.now() - t0 < 1_000) state = (await activity(pid))?.state
    const idleAfter = performance.now() - t0
    console.log(
      `[postgres] cancel: stream threw after ${thrownAfter.toFixed(1)} ms, backend idle after ${idleAfter.toFixed(1)} ms`,
    )
    // The session was not killed: the backend is still there, idle, and takes the next query.
    expect(state).toBe('idle')
    expect(idleAfter).toBeLessThan(1_000)
    const next = await connection.execute('SELECT pg_backend_pid() AS pid')
    expect(next.rows).toEqual([[pid]])
  })

  it('rolls back what a cancelled script had begun, and leaves no transaction open', async () => {
    const script = "BEGIN; UPDATE series SET note = 'cancelled' WHERE id <= 10; SELECT pg_sleep(600)"
    const controller = new AbortController()
    const running = await started(
      connection.stream(script, { queryId: 'tx', batchSize: 10, signal: controller.signal }),
    )
    const pid = await busyPid()
    await untilActive(pid)
    controller.abort()
    await failureOf(running.next, 'cancelled')
    expect((await activity(pid))?.state).toBe('idle')
    const result = await connection.execute("SELECT count(*) FROM series WHERE note = 'cancelled'")
    expect(result.rows).toEqual([[0]])
  })

  it('stops a slow batch at once when the consumer breaks, instead of waiting for it', async () => {
    const sql = 'SELECT g, pg_sleep(0.01) FROM generate_series(1, 100000) AS g'
    let broke = 0
    for await (const item of connection.stream(sql, { queryId: 'slow-batches', batchSize: 100 })) {
      if (item.kind !== 'rows') continue
      broke = performance.now() // the next batch (100 × 10 ms of sleep) is being read ahead
      break
    }
    const afterBreak = performance.now() - broke
    // Waiting for the batch read ahead would take its 1 s of sleep, however idle the machine;
    // cancelling it in the server takes a round trip.
    expect(afterBreak).toBeLessThan(900)
    expect((await connection.execute('SELECT 1')).rows).toEqual([[1]])
  })

  it('a cancel racing with the end of a statement never reaches the next query', async () => {
    for (let round = 0; round < 25; round++) {
      const queryId = `race-${round}`
      const controller = new AbortController()
      const sql = `SELECT pg_sleep(${(round % 5) / 1000})`
      const run = collect(connection.stream(sql, { queryId, batchSize: 1, signal: controller.signal }))
      run.catch(() => {})
      await sleep(round % 4)
      controller.abort()
      await run.catch(() => null)
      // Any cancel still on its way was absorbed before the session went back to the pool.
      expect((await connection.execute('SELECT 1 AS one')).rows).toEqual([[1]])
    }
  })

  it('reports a statement timeout as a timeout, not as a cancel', async () => {
    const error = await failureOf(connection.execute("SET statement_timeout = '50ms'; SELECT pg_sleep(5)"), 'timeout')
    expect(error).toMatchObject({ code: '57014', engine: 'postgres' })
    expect(error.message).toMatch(/statement timeout/)
    // Settings do not outlive the run: the next one has no timeout.
    expect((await connection.execute('SHOW statement_timeout')).rows).toEqual([['0']])
  })
})
