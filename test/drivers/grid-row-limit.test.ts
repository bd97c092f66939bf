import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { decodeRows } from '../../src/shared/contract'
import type { EventPayloads } from '../../src/shared/contract'
import { QueryService } from '../../src/main/services/query-service'
import type { TestDatabase } from '../helpers/engine-harness'
import { recordingClient } from '../services/recording-client'
import { engines } from './engines'

const ROWS = 200_000
/** The largest batch main's adaptive plan asks for: the most a driver may read ahead. */
const LARGEST_BATCH = 5_000

/**
 * Rows an engine may read past the limit. MySQL/MariaDB's protocol has no way to stop a result
 * midway but KILL QUERY: the driver sends it when the stream closes and drains what the server
 * already wrote to the socket, which the driver's counter counts as read (for this narrow table,
 * often all of it: the server had written the whole result into the socket buffers). There the
 * check is only that nothing more arrives once the run has ended.
 */
const slack = (engine: string): number => {
  if (engine !== 'mysql') return LARGEST_BATCH
  console.log('[mysql] grid row limit: NOT bounded by limit + one batch (the driver drains the socket at KILL QUERY)')
  return ROWS
}

/**
 * The grid row limit on every engine, through main's query service: the rows the engine itself
 * read (its own counter: pg's rows fetched, SQLite's host rows stepped, …) stay within the limit
 * plus one batch, also when the limit is set while the query runs.
 */
describe.each(engines.map((make) => [make().engine, make] as const))('%s: grid row limit', (_engine, make) => {
  const harness = make()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('row_limit', harness.fixtures.series(ROWS))
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  const run = (service: QueryService, queryId: string, rowLimit: number | null) => {
    const recorder = recordingClient()
    const batches = () =>
      recorder.events.filter((e) => e.event === 'query.batch').map((e) => e.payload as EventPayloads['query.batch'])
    service.start(recorder.client, Promise.resolve(connection), harness.engine, {
      queryId,
      sql: harness.fixtures.queries.seriesAllOrdered,
      rowLimit,
    })
    const acker = setInterval(() => batches().forEach((b) => service.ack(recorder.client, queryId, b.seq)), 1)
    const end = recorder.waitForEnd(30_000).finally(() => clearInterval(acker))
    const sent = () => batches().reduce((sum, b) => sum + b.count, 0)
    const ids = () => batches().flatMap((b) => decodeRows(b.rows).map((row) => Number(row[0])))
    return { ...recorder, end, sent, ids }
  }

  it('a limit of 1,000 sends exactly 1,000 rows and the engine reads no more than one batch beyond', async () => {
    const before = await harness.rowsProduced(connection)
    const running = run(new QueryService(), 'limit-1000', 1_000)
    const end = await running.end
    expect(end).toMatchObject({ outcome: 'done', rowCount: 1_000, stoppedAtLimit: 1_000, error: null })
    expect(running.ids()).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1))
    const read = (await harness.rowsProduced(connection)) - before
    console.log(`[${harness.engine}] grid limit 1,000: the engine read ${read} rows`)
    expect(read).toBeGreaterThanOrEqual(1_000)
    expect(read).toBeLessThanOrEqual(1_000 + slack(harness.engine))
  })

  it('a limit set while the query runs stops it at exactly that many rows', async () => {
    const before = await harness.rowsProduced(connection)
    const service = new QueryService()
    const running = run(service, 'limit-live', null)
    while (running.sent() === 0) await new Promise((resolve) => setTimeout(resolve, 2))
    const limit = running.sent() + 12_345
    expect(service.setRowLimit(running.client, 'limit-live', limit)).toBe(true)
    const end = await running.end
    expect(end).toMatchObject({ rowCount: limit, stoppedAtLimit: limit })
    expect(running.sent()).toBe(limit)
    const read = (await harness.rowsProduced(connection)) - before
    expect(read).toBeLessThanOrEqual(limit + slack(harness.engine))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await harness.rowsProduced(connection)) - before).toBe(read) // nothing more arrives
    // The connection is free for the next query.
    expect(await connection.execute(harness.fixtures.queries.seriesCount)).toMatchObject({ rows: [[ROWS]] })
  })
})
