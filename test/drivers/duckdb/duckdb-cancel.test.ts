import { performance } from 'node:perf_hooks'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DuckdbConnection } from '../../../src/main/drivers/duckdb/duckdb-connection'
import type { DuckdbHostProcess } from '../../../src/main/drivers/duckdb/duckdb-host-process'
import { DuckdbScriptSession, INTERRUPT_GRACE_MS } from '../../../src/main/drivers/duckdb/duckdb-script-session'
import { RunControl } from '../../../src/main/drivers/run-control'
import { duckdbHarness } from '../../helpers/duckdb-harness'
import { collect, failureOf, sleep } from '../../helpers/streams'
import { QuarryFailure } from '../../../src/shared/contract'

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
    const controller = new AbortController()
    const running = collect(connection.stream(LONG, { queryId: 'long', batchSize: 100, signal: controller.signal }))
    running.catch(() => {})
    await sleep(300)
    const started = performance.now()
    controller.abort()
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
  const stuckHost = (work: Promise<never> = new Promise<never>(() => {})) => {
    const host = {
      alive: true,
      killed: null as unknown,
      request: vi.fn((method: string) => (method === 'query.open' ? work : Promise.resolve(null))),
      kill(reason: unknown) {
        this.alive = false
        this.killed = reason
      },
    }
    return host
  }

  /** A statement of a run on that host: its first pull is the request that never settles. */
  const running = (host: ReturnType<typeof stuckHost>) => {
    const session = new DuckdbScriptSession(host as unknown as DuckdbHostProcess, undefined)
    const control = Object.assign(
      new RunControl(() => new QuarryFailure({ kind: 'cancelled', message: 'Query cancelled' })),
      {
        sessionId: session.id,
      },
    )
    control.hold(session)
    const query = session.start({ sql: 'SELECT 1', offset: 0 }, { sizes: () => 10, guarded: false, index: 0 })
    return { query, control }
  }

  it('kills a host whose statement does not stop within the grace period, and reports a cancel', async () => {
    vi.useFakeTimers()
    const host = stuckHost()
    const { query, control } = running(host)
    const guarded = control.guard(query.next(), (error) => error)
    guarded.catch(() => {})
    const cancelled = control.abort()
    await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS - 10)
    expect(host.killed).toBeNull()
    await vi.advanceTimersByTimeAsync(20)
    await cancelled
    expect(host.request).toHaveBeenCalledWith('session.interrupt', { session: control.sessionId })
    expect(host.killed).toMatchObject({ kind: 'cancelled' })
    await expect(guarded).rejects.toMatchObject({ error: { kind: 'cancelled' } })
  })

  it('leaves a host alone when the interrupted statement stops', async () => {
    vi.useFakeTimers()
    let stop: (error: Error) => void = () => {}
    const host = stuckHost(new Promise<never>((_, reject) => (stop = reject)))
    const { query, control } = running(host)
    const guarded = control.guard(query.next(), (error) => error)
    guarded.catch(() => {})
    const cancelled = control.abort()
    await vi.advanceTimersByTimeAsync(5)
    stop(new Error('INTERRUPT Error: Interrupted!'))
    await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS * 2)
    await cancelled
    expect(host.killed).toBeNull()
  })
})
