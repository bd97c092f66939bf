import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DuckdbConnection } from '../../../src/main/drivers/duckdb/duckdb-connection'
import { duckdbHarness } from '../../helpers/duckdb-harness'
import { sleep } from '../../helpers/streams'

const MILLION = 1_000_000
const NS_PER_MS = 1e6
/** p99 event-loop delay main may see while a million rows stream in (a 60 Hz frame is 16.7 ms). */
const P99_BUDGET_MS = 30
/** DuckDB hands out rows in chunks of at most this many. */
const CHUNK_ROWS = 2048

describe('duckdb: streaming from the host', () => {
  const harness = duckdbHarness()
  let connection: DuckdbConnection

  beforeAll(async () => {
    const db = await harness.createDatabase('stream', harness.fixtures.minimal)
    connection = (await harness.driver().connect(db.options)) as DuckdbConnection
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it(`keeps main's event loop free while ${MILLION.toLocaleString('en')} rows stream`, async () => {
    const sql = `SELECT i, 'row ' || i AS label, i * 0.5 AS half, i % 7 = 0 AS flag, i::DECIMAL(18, 2) AS amount
      FROM range(${MILLION}) t(i)`
    const histogram = monitorEventLoopDelay({ resolution: 1 })
    const started = performance.now()
    histogram.enable()
    let rows = 0
    for await (const item of connection.stream(sql, { queryId: 'million', batchSize: 10_000 })) {
      if (item.kind === 'rows') rows += item.count
    }
    histogram.disable()
    const elapsed = performance.now() - started
    const p99 = histogram.percentile(99) / NS_PER_MS
    const max = histogram.max / NS_PER_MS
    console.log(
      `[duckdb] ${rows} rows in ${elapsed.toFixed(0)} ms; main event-loop delay p50 ${(histogram.percentile(50) / NS_PER_MS).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    )
    expect(rows).toBe(MILLION)
    expect(p99).toBeLessThan(P99_BUDGET_MS)
  })

  it('takes no more than one DuckDB chunk past what was asked while the consumer stalls', async () => {
    const before = (await connection.diagnostics()).stats
    const iterator = connection
      .stream(`SELECT * FROM range(${MILLION}) t(i)`, { queryId: 'stall', batchSize: 1_000 })
      [Symbol.asyncIterator]()
    let consumed = 0
    while (consumed < 3_000) {
      const item = (await iterator.next()).value
      if (item?.kind === 'rows') consumed += item.count
    }
    await sleep(300)
    const stalled = (await connection.diagnostics()).stats
    const fetched = stalled.rowsFetched - before.rowsFetched
    // Asked for: what was consumed plus the one batch requested ahead.
    expect(fetched).toBeGreaterThanOrEqual(consumed)
    expect(fetched).toBeLessThanOrEqual(consumed + 1_000 + CHUNK_ROWS)
    await sleep(300)
    expect((await connection.diagnostics()).stats.rowsFetched).toBe(stalled.rowsFetched)
    await iterator.return?.()
    expect((await connection.diagnostics()).stats.sessions).toBe(0)
  })
})
