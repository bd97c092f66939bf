import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { CANCEL_FALLBACK_MS } from '../../../src/main/drivers/mssql/mssql-script-session'
import { FakeSession, intColumn } from './fake-mssql'
import type { FakeBatch, Script } from './fake-mssql'

async function fakeConnection(
  reply: (sql: string) => Script[],
  session = (spid: number) => new FakeSession(spid, reply),
) {
  const sessions: FakeSession[] = []
  const driver = createMssqlDriver({
    opener: () => async () => {
      const made = session(60 + sessions.length)
      sessions.push(made)
      return made
    },
  })
  const connection = await driver.connect({ engine: 'mssql', host: 'fake' })
  const batches = (): FakeBatch[] => sessions.flatMap((s) => s.batches)
  return { connection, sessions, batches }
}

async function drain(stream: AsyncIterable<StreamItem>): Promise<unknown> {
  try {
    for await (const _item of stream) {
      // read everything
    }
    return null
  } catch (error) {
    return (error as { error?: unknown }).error ?? error
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

let connection: DriverConnection | null = null
afterEach(async () => {
  vi.useRealTimers()
  await connection?.close()
  connection = null
})

describe('SQL Server cancel wiring (fake sessions)', () => {
  it('aborting sends attention on the batch, ends as cancelled, and the session is reused after a reset', async () => {
    const fake = await fakeConnection((sql) =>
      sql.startsWith('WAITFOR')
        ? [{ recordset: [intColumn('a')] }, { row: [1] }, { hang: true }]
        : [{ rowsaffected: 0 }],
    )
    connection = fake.connection
    const controller = new AbortController()
    const running = drain(
      connection.stream('WAITFOR DELAY "01:00"', { queryId: 'q1', batchSize: 1, signal: controller.signal }),
    )
    await until(() => fake.batches().length === 1)
    controller.abort()
    expect(await running).toEqual({ kind: 'cancelled', message: 'Query cancelled', engine: 'mssql' })
    expect(fake.batches()[0]!.cancelled).toBe(true)
    const session = fake.sessions.find((s) => s.batches.length === 1)!
    expect(session.resets).toBe(1)
    expect(session.closed).toBe(false)
    // The next run takes the same session: it was usable after the cancel.
    expect(await drain(connection.stream('SELECT 1', { queryId: 'q2', batchSize: 10 }))).toBeNull()
    expect(session.batches).toHaveLength(2)
  })

  it('an aborted signal cancels too, and a cancel before the batch starts sends nothing', async () => {
    const fake = await fakeConnection(() => [{ hang: true }])
    connection = fake.connection
    const controller = new AbortController()
    controller.abort()
    const early = await drain(connection.stream('SELECT 1', { queryId: 'a', batchSize: 10, signal: controller.signal }))
    expect(early).toMatchObject({ kind: 'cancelled' })
    expect(fake.batches()).toHaveLength(0)
    const later = new AbortController()
    const running = drain(connection.stream('SELECT 1', { queryId: 'b', batchSize: 10, signal: later.signal }))
    await until(() => fake.batches().length === 1)
    later.abort()
    expect(await running).toMatchObject({ kind: 'cancelled' })
    expect(fake.batches()[0]!.cancelled).toBe(true)
  })

  it('breaking out of the loop stops the batch in the engine before the session goes back', async () => {
    const fake = await fakeConnection(() => [
      { recordset: [intColumn('a')] },
      ...Array.from({ length: 50 }, () => ({ row: [1] })),
      { hang: true },
    ])
    connection = fake.connection
    for await (const item of connection.stream('SELECT a FROM t', { queryId: 'q', batchSize: 5 })) {
      if (item.kind === 'rows') break
    }
    expect(fake.batches()[0]!.cancelled).toBe(true)
    expect(fake.sessions.find((s) => s.batches.length === 1)!.resets).toBe(1)
  })

  it('a batch that does not stop after its attention costs its session, not the run', async () => {
    class Stubborn extends FakeSession {
      override batch(sql: string) {
        const batch = super.batch(sql)
        batch.cancel = () => {
          batch.cancelled = true // the attention goes out, no acknowledgement ever comes
        }
        return batch
      }
    }
    const fake = await fakeConnection(
      () => [{ hang: true }],
      (spid) => new Stubborn(spid, () => [{ hang: true }]),
    )
    connection = fake.connection
    const controller = new AbortController()
    const running = drain(connection.stream('SELECT 1', { queryId: 'q', batchSize: 10, signal: controller.signal }))
    await until(() => fake.batches().length === 1)
    vi.useFakeTimers()
    controller.abort()
    await vi.advanceTimersByTimeAsync(CANCEL_FALLBACK_MS + 10)
    vi.useRealTimers()
    expect(await running).toMatchObject({ kind: 'cancelled' })
    await until(() => fake.sessions.find((s) => s.batches.length === 1)!.closed)
  })
})
