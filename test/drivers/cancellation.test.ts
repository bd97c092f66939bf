import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection, StreamItem } from '../../src/main/drivers/driver'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf, sleep } from '../helpers/streams'
import { engines } from './engines'

const CANCEL_BUDGET_MS = 250

/** Starts consuming a stream; resolves once its columns arrived (the engine is now stepping). */
async function startRunning(stream: AsyncIterable<StreamItem>) {
  const iterator = stream[Symbol.asyncIterator]()
  expect((await iterator.next()).value?.kind).toBe('statement')
  const first = await iterator.next()
  expect(first.value?.kind).toBe('columns')
  // The pull that never completes: the engine is inside one long step.
  const next = iterator.next()
  next.catch(() => {})
  await sleep(150)
  return { next, finished: () => iterator.return?.() }
}

describe.each(engines.map((make) => [make().engine, make] as const))('%s: cancellation', (_engine, make) => {
  const harness = make()
  let db: TestDatabase
  let connection: DriverConnection
  const { endless, queries } = harness.fixtures

  const stillWorks = async () => {
    expect((await connection.execute(queries.one)).rows).toEqual([[1]])
    expect((await connection.tables(db.name, db.schema)).map((t) => t.name)).toContain('series')
  }

  beforeAll(async () => {
    db = await harness.createDatabase('cancellation', harness.fixtures.series(1_000))
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it(`aborting the signal stops a query stuck in one step within ${CANCEL_BUDGET_MS} ms, in the engine`, async () => {
    const controller = new AbortController()
    const stream = connection.stream(endless, { queryId: 'endless', batchSize: 100, signal: controller.signal })
    const running = await startRunning(stream)
    const started = performance.now()
    controller.abort()
    const error = await failureOf(running.next, 'cancelled')
    const elapsed = performance.now() - started
    console.log(`[${harness.engine}] AbortSignal → iteration threw after ${elapsed.toFixed(1)} ms`)
    expect(elapsed).toBeLessThan(CANCEL_BUDGET_MS)
    expect(error).toMatchObject({ message: 'Query cancelled', engine: harness.engine })
    // Where the engine's activity view is read, the operation is gone from the server too.
    if (harness.runningOnServer) expect(await harness.runningOnServer(connection)).toBe(0)
    await stillWorks()
  })

  it('closing the connection stops its running query through the same abort', async () => {
    const other = await harness.driver().connect(db.options)
    const running = await startRunning(other.stream(endless, { queryId: 'closing', batchSize: 100 }))
    await other.close()
    await expect(running.next).rejects.toBeInstanceOf(Error)
  })

  it('cancels a query whose consumer is between pulls, and an already aborted signal', async () => {
    const controller = new AbortController()
    const stream = connection.stream(queries.seriesAll, { queryId: 'paused', batchSize: 10, signal: controller.signal })
    const iterator = stream[Symbol.asyncIterator]()
    expect((await iterator.next()).value?.kind).toBe('statement')
    expect((await iterator.next()).value?.kind).toBe('columns')
    let item = (await iterator.next()).value
    if (item?.kind === 'columns') item = (await iterator.next()).value // a document engine's grown columns
    expect(item?.kind).toBe('rows')
    controller.abort()
    await failureOf(iterator.next(), 'cancelled')

    const aborted = AbortSignal.abort()
    await failureOf(
      collect(connection.stream(queries.one, { queryId: 'pre', batchSize: 1, signal: aborted })),
      'cancelled',
    )
    await failureOf(connection.execute(endless, { signal: AbortSignal.timeout(100) }), 'cancelled')
    await stillWorks()
  })

  it('answers metadata calls promptly while a long query runs', async () => {
    const controller = new AbortController()
    const stream = connection.stream(endless, { queryId: 'background', batchSize: 100, signal: controller.signal })
    const running = await startRunning(stream)
    const started = performance.now()
    const tables = await connection.tables(db.name, db.schema)
    const schema = await connection.tableSchema(db.name, db.schema, 'series')
    const elapsed = performance.now() - started
    expect(tables.map((t) => t.name)).toContain('series')
    expect(schema.columns).toHaveLength(10)
    expect(elapsed).toBeLessThan(500)
    controller.abort()
    await failureOf(running.next, 'cancelled')
  })

  it('fails the running query with a connection error when its session dies, then recovers', async () => {
    const running = await startRunning(connection.stream(endless, { queryId: 'doomed', batchSize: 100 }))
    await harness.killRunningQuery(connection)
    await failureOf(running.next, 'connection')
    await stillWorks()
  })
})
