import { performance } from 'node:perf_hooks'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DuckdbConnection } from '../../../src/main/drivers/duckdb/duckdb-connection'
import type { DuckdbHostProcess } from '../../../src/main/drivers/duckdb/duckdb-host-process'
import { DuckdbRunningQuery, INTERRUPT_GRACE_MS } from '../../../src/main/drivers/duckdb/duckdb-running-query'
import { duckdbHarness } from '../../helpers/duckdb-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'

const LONG = 'SELECT count(*) FROM range(10000000000) a(x), range(1000) b(y) WHERE x + y < 0'

describe('duckdb: cancel is DuckDB’s interrupt', () => {
  const harness = duckdbHarness()
  let connection: DuckdbConnection

  beforeAll(async () => {
    const db = await harness.createDatabase('cancel', harness.fixtures.minimal)
    connection = (await harness.driver().connect(db.options)) as DuckdbConnection
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('ends a long aggregate within milliseconds; the same host and connection go on working', async () => {
    const { pid } = await connection.diagnostics()
    const running = collect(connection.stream(LONG, { queryId: 'long', batchSize: 100 }))
    running.catch(() => {})
    await sleep(300)
    const started = performance.now()
    expect(await connection.cancel('long')).toBe(true)
    await failureOf(running, 'cancelled')
    const elapsed = performance.now() - started
    console.log(`[duckdb] interrupt → cancelled after ${elapsed.toFixed(1)} ms`)
    expect(elapsed).toBeLessThan(250)
    // Interrupted, not killed: the host process is the one that ran it.
    expect((await connection.diagnostics()).pid).toBe(pid)
    expect((await connection.execute('SELECT 41 + 1 AS n')).rows).toEqual([[42]])
    expect((await connection.diagnostics()).stats.sessions).toBe(0)
  })
})

describe('duckdb: the watchdog', () => {
  afterEach(() => vi.useRealTimers())

  /** A host whose statement ignores interrupts: the request in flight never settles. */
  const stuckHost = () => {
    const host = {
      alive: true,
      killed: null as unknown,
      request: vi.fn(async (method: string) => (method === 'session.interrupt' ? true : null)),
      kill(reason: unknown) {
        this.alive = false
        this.killed = reason
      },
    }
    return host
  }

  it('kills a host whose statement does not stop within the grace period, and reports a cancel', async () => {
    vi.useFakeTimers()
    const host = stuckHost()
    const query = new DuckdbRunningQuery(host as unknown as DuckdbHostProcess)
    const never = new Promise<never>(() => {})
    const guarded = query.guard(never)
    guarded.catch(() => {})
    const cancelled = query.cancel()
    await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS - 10)
    expect(host.killed).toBeNull()
    await vi.advanceTimersByTimeAsync(20)
    await cancelled
    expect(host.request).toHaveBeenCalledWith('session.interrupt', { session: query.session })
    expect(host.killed).toMatchObject({ kind: 'cancelled' })
    await expect(guarded).rejects.toMatchObject({ error: { kind: 'cancelled' } })
  })

  it('leaves a host alone when the interrupted statement stops', async () => {
    vi.useFakeTimers()
    const host = stuckHost()
    const query = new DuckdbRunningQuery(host as unknown as DuckdbHostProcess)
    let stop: (error: Error) => void = () => {}
    const work = new Promise<never>((_, reject) => (stop = reject))
    const guarded = query.guard(work)
    guarded.catch(() => {})
    const cancelled = query.cancel()
    await vi.advanceTimersByTimeAsync(5)
    stop(new Error('INTERRUPT Error: Interrupted!'))
    await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS * 2)
    await cancelled
    expect(host.killed).toBeNull()
  })
})
