import { describe, expect, it } from 'vitest'
import { decodeRows, encodeRows } from '../../src/shared/contract'
import type { EventPayloads } from '../../src/shared/contract'
import type { DriverConnection, StreamItem, StreamOptions } from '../../src/main/drivers/driver'
import { batchSizeAt } from '../../src/main/drivers/stream-results'
import { QueryService } from '../../src/main/services/query-service'
import { RowCap } from '../../src/main/services/row-cap'
import { recordingClient } from './recording-client'

/**
 * A driver over `total` rows that asks its batch plan for each batch's size and, like SQLite's
 * host, reads the next batch before the consumer asks for it (one batch of read-ahead). It counts
 * every row it read from its "engine": what the server sent.
 */
function planningConnection(total: number, options: { ignorePlan?: number } = {}) {
  const read = { rows: 0, closed: false }
  const connection = {
    engine: 'sqlite',
    async *stream(_sql: string, stream: StreamOptions): AsyncIterable<StreamItem> {
      let next = 0
      let index = 0
      const readBatch = () => {
        const size = options.ignorePlan ?? batchSizeAt(stream.batchSize, index++, 'sqlite')
        const rows = Array.from({ length: Math.min(size, total - next) }, (_, i) => [next + i])
        next += rows.length
        read.rows += rows.length
        return rows
      }
      try {
        yield { kind: 'statement', index: 0, offset: 0, sql: 'select' }
        yield { kind: 'columns', columns: [{ name: 'n', type: 'INTEGER' }] }
        let batch = readBatch()
        while (batch.length > 0) {
          const ahead = readBatch()
          yield { kind: 'rows', rows: encodeRows(batch), count: batch.length }
          await new Promise((resolve) => setTimeout(resolve, 0))
          batch = ahead
        }
        yield { kind: 'summary', affectedRows: null }
      } finally {
        read.closed = true
      }
    },
  } as unknown as DriverConnection
  return { connection, read }
}

const batchesOf = (events: ReturnType<typeof recordingClient>['events']) =>
  events.filter((e) => e.event === 'query.batch').map((e) => e.payload as EventPayloads['query.batch'])

/** Runs a query acknowledging every batch as it arrives, like a renderer. */
function run(service: QueryService, connection: DriverConnection, rowLimit: number | null, queryId = 'q') {
  const recorder = recordingClient()
  service.start(recorder.client, Promise.resolve(connection), 'sqlite', { queryId, sql: 'select', rowLimit })
  const acker = setInterval(
    () => batchesOf(recorder.events).forEach((b) => service.ack(recorder.client, queryId, b.seq)),
    1,
  )
  const end = recorder.waitForEnd(10_000).finally(() => clearInterval(acker))
  const sentValues = () => batchesOf(recorder.events).flatMap((b) => decodeRows(b.rows).map((row) => row[0]))
  return { ...recorder, end, sentValues }
}

describe('the grid row limit, enforced where rows are read', () => {
  it('sends exactly the limit, stops reading there, and says it stopped at the limit', async () => {
    const { connection, read } = planningConnection(1_000_000)
    const { end, sentValues, events } = run(new QueryService(), connection, 1_000)
    const ended = await end
    expect(sentValues()).toEqual(Array.from({ length: 1_000 }, (_, i) => i))
    expect(batchesOf(events).reduce((sum, b) => sum + b.count, 0)).toBe(1_000)
    expect(ended).toMatchObject({ outcome: 'done', rowCount: 1_000, stoppedAtLimit: 1_000, error: null })
    // The done event counts what main took from the driver: the plan's asks, 100 + 500 + 400.
    expect(ended.rowsRead).toBe(1_000)
    expect(read.closed).toBe(true)
    // The plan never asks for more than remains, so only the driver's one read-ahead batch (a 1-row ask) is extra.
    expect(read.rows).toBeLessThanOrEqual(1_000 + 1)
  })

  it('cuts a batch that crosses the limit when the driver ignores the plan (at most one batch more is read)', async () => {
    const { connection, read } = planningConnection(1_000_000, { ignorePlan: 700 })
    const { end, sentValues } = run(new QueryService(), connection, 1_000)
    // Two batches of 700 reached main; the second was cut at 300 and counted as read.
    expect(await end).toMatchObject({ rowCount: 1_000, stoppedAtLimit: 1_000, rowsRead: 1_400 })
    expect(sentValues()).toHaveLength(1_000)
    expect(read.rows).toBeLessThanOrEqual(1_000 + 2 * 700) // the cut batch and the one read ahead
  })

  it('a result under the limit ends as done, without a limit stop', async () => {
    const { connection } = planningConnection(300)
    const ended = await run(new QueryService(), connection, 1_000).end
    expect(ended.rowCount).toBe(300)
    expect(ended.rowsRead).toBe(300)
    expect(ended.stoppedAtLimit).toBeUndefined()
  })

  it('a limit set while the query runs stops it at exactly that many rows', async () => {
    const service = new QueryService()
    const { connection, read } = planningConnection(10_000_000)
    const running = run(service, connection, null, 'live')
    while (running.sentValues().length < 3_000) await new Promise((resolve) => setTimeout(resolve, 2))
    expect(service.setRowLimit(running.client, 'live', 20_000)).toBe(true)
    const ended = await running.end
    expect(ended).toMatchObject({ rowCount: 20_000, stoppedAtLimit: 20_000 })
    expect(running.sentValues()).toHaveLength(20_000)
    expect(read.rows).toBeLessThanOrEqual(20_000 + 5_000)
    expect(ended.rowsRead).toBeGreaterThanOrEqual(20_000)
    expect(ended.rowsRead).toBeLessThanOrEqual(20_000 + 5_000)
    expect(service.setRowLimit(running.client, 'live', 5)).toBe(false) // no longer running
  })

  it('a limit lowered below the rows already sent stops at once', async () => {
    const service = new QueryService()
    const { connection, read } = planningConnection(10_000_000)
    const running = run(service, connection, null, 'lowered')
    while (running.sentValues().length < 3_000) await new Promise((resolve) => setTimeout(resolve, 2))
    service.setRowLimit(running.client, 'lowered', 100)
    const ended = await running.end
    expect(ended.stoppedAtLimit).toBeGreaterThanOrEqual(3_000)
    expect(read.rows).toBeLessThan(ended.rowCount + 2 * 5_000)
    expect(read.closed).toBe(true)
  })
})

describe('RowCap', () => {
  it('caps the plan at what remains and admits up to the limit', () => {
    const cap = new RowCap(1_000)
    const plan = cap.plan(() => 5_000)
    expect(plan(0)).toBe(1_000)
    expect(plan(1)).toBe(1) // all asked for already; a plan must ask for at least one row
    expect(cap.admit(600)).toBe(600)
    cap.statementStarted() // the previous statement ended short: its asks no longer count
    expect(plan(2)).toBe(400)
    expect(cap.admit(600)).toBe(400)
    expect(cap.reached).toBe(true)
    expect(cap.admit(10)).toBe(0)
    cap.limit = null
    expect(plan(3)).toBe(5_000)
    expect(cap.admit(10)).toBe(10)
  })
})
