import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchPlan, DriverConnection, StreamItem } from '../../src/main/drivers/driver'
import { decodeRows } from '../../src/shared/contract'
import { notRunBecause } from '../helpers/engine-harness'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf, sleep } from '../helpers/streams'
import { engines } from './engines'

const ROWS = 200_000

/** Small first batch so the first rows paint fast, then larger ones. */
const plan: BatchPlan = (index) => (index === 0 ? 100 : Math.min(100 * 4 ** index, 25_000))

describe.each(engines.map((make) => [make().engine, make] as const))('%s: streaming', (_engine, make) => {
  const harness = make()
  const { queries } = harness.fixtures
  const sqlScripts = !harness.fixtures.lacks?.sqlScripts
  const scriptTest = (name: string, test: () => Promise<void>) =>
    sqlScripts
      ? it(name, test)
      : (notRunBecause(harness.engine, name, 'the engine has no SQL scripts'), it.skip(name, () => {}))
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('streaming', harness.fixtures.series(ROWS))
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('streams every row, in order, in batches that follow the plan', async () => {
    const result = await collect(connection.stream(queries.seriesIdLabel, { queryId: 'all', batchSize: plan }))
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'label'])
    expect(result.kinds.slice(0, 2)).toEqual(['statement', 'columns'])
    expect(result.kinds.at(-1)).toBe('summary')
    expect(result.affectedRows).toBeNull()
    expect(result.rows).toHaveLength(ROWS)
    result.rows.forEach((row, i) => {
      if (row[0] !== i + 1) expect(row, `row ${i}`).toEqual([i + 1, `row ${i + 1}`])
    })
    expect(result.rows.at(-1)).toEqual([ROWS, `row ${ROWS}`])
    expect(result.batches.slice(0, 4)).toEqual([100, 400, 1_600, 6_400])
    expect(Math.max(...result.batches)).toBe(25_000)
  })

  it('reads nothing ahead while the consumer does not pull (backpressure)', async () => {
    const before = await harness.rowsProduced(connection)
    const stream = connection.stream(queries.seriesAllOrdered, { queryId: 'slow', batchSize: 1_000 })
    const iterator = stream[Symbol.asyncIterator]()
    let first = true
    const pull = async (): Promise<StreamItem> => {
      for (;;) {
        const step = await iterator.next()
        if (step.done) throw new Error('stream ended early')
        // A document engine may send its columns again, longer, between batches: not a batch.
        if (step.value.kind === 'columns' && !first) continue
        if (step.value.kind === 'columns') first = false
        return step.value
      }
    }
    expect((await pull()).kind).toBe('statement')
    expect((await pull()).kind).toBe('columns')
    let consumed = 0
    for (let batch = 0; batch < 3; batch++) {
      const item = await pull()
      if (item.kind !== 'rows') throw new Error(`expected rows, got ${item.kind}`)
      consumed += decodeRows(item.rows).length
    }
    // The consumer stalls. The engine may have read at most one batch ahead of it, and no more
    // however long we wait.
    await sleep(300)
    const stalled = (await harness.rowsProduced(connection)) - before
    expect(stalled).toBeGreaterThanOrEqual(consumed)
    expect(stalled).toBeLessThanOrEqual(consumed + 1_000)
    await sleep(300)
    expect((await harness.rowsProduced(connection)) - before).toBe(stalled)

    // Draining proves the counter counts what is read: it reaches the table's size exactly.
    for (;;) {
      const item = await pull()
      if (item.kind === 'rows') consumed += item.count
      if (item.kind === 'summary') break
    }
    expect(consumed).toBe(ROWS)
    expect((await harness.rowsProduced(connection)) - before).toBe(ROWS)
  })

  it('releases everything when the consumer breaks early, again and again', async () => {
    // More early exits than the engine has sessions: a leaked session would hang the loop.
    for (let round = 0; round < 8; round++) {
      let seen = 0
      for await (const item of connection.stream(queries.seriesAll, {
        queryId: `early-${round}`,
        batchSize: 500,
      })) {
        if (item.kind === 'rows') seen += item.count
        if (seen > 0) break
      }
      expect(seen).toBe(500)
    }
    const after = await collect(connection.stream(queries.seriesCount, { queryId: 'after', batchSize: 10 }))
    expect(after.rows).toEqual([[ROWS]])
  })

  it('runs several streams side by side', async () => {
    const sql = queries.seriesFirst5000
    const results = await Promise.all(
      [0, 1, 2].map((n) => collect(connection.stream(sql, { queryId: `parallel-${n}`, batchSize: 700 }))),
    )
    for (const result of results)
      expect(result.rows.map((r) => r[0])).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1))
  })

  scriptTest('reports affected rows for statements that return none', async () => {
    const update = await collect(
      connection.stream("UPDATE series SET note = 'seen' WHERE id <= 10", { queryId: 'update', batchSize: 100 }),
    )
    expect(update.kinds).toEqual(['statement', 'columns', 'summary'])
    expect(update.affectedRows).toBe(10)
    const executed = await connection.execute("UPDATE series SET note = NULL WHERE note = 'seen'")
    expect(executed).toEqual({ columns: [], rows: [], affectedRows: 10 })
  })

  scriptTest('runs a script statement by statement on one session, each with its own result', async () => {
    const script =
      harness.fixtures.scripts?.temporary ??
      [
        'CREATE TEMPORARY TABLE scratch (n INTEGER)',
        'INSERT INTO scratch VALUES (1), (2), (3)',
        "SELECT n, 'x;y' AS s FROM scratch ORDER BY n",
        'SELECT count(*) AS c FROM scratch',
      ].join(';\n')
    const items: StreamItem[] = []
    for await (const item of connection.stream(script, { queryId: 'script', batchSize: 100 })) items.push(item)
    const markers = items.filter((i) => i.kind === 'statement')
    expect(markers.map((m) => m.index)).toEqual([0, 1, 2, 3])
    expect(markers.map((m) => script.slice(m.offset, m.offset + m.sql.length))).toEqual(markers.map((m) => m.sql))
    const summaries = items.filter((i) => i.kind === 'summary').map((i) => i.affectedRows)
    expect(summaries).toEqual([0, 3, null, null])
    const rows = items.filter((i) => i.kind === 'rows').map((i) => decodeRows(i.rows))
    expect(rows).toEqual([
      [
        [1, 'x;y'],
        [2, 'x;y'],
        [3, 'x;y'],
      ],
      [[3]],
    ])
    // execute() answers with the last statement's result.
    expect((await connection.execute("SELECT 1 AS a; SELECT 'last' AS b")).rows).toEqual([['last']])
  })

  scriptTest('stops a script at the first failing statement, keeping what ran before', async () => {
    const script =
      harness.fixtures.scripts?.failing ??
      'CREATE TABLE IF NOT EXISTS kept (n INTEGER); INSERT INTO kept VALUES (7); SELEKT 1; INSERT INTO kept VALUES (8)'
    const kinds: string[] = []
    const failure = await failureOf(
      (async () => {
        for await (const item of connection.stream(script, { queryId: 'stops', batchSize: 10 })) kinds.push(item.kind)
      })(),
      'syntax',
    )
    expect(failure.message).toMatch(/syntax/i)
    expect(kinds.filter((k) => k === 'statement')).toHaveLength(3)
    expect((await connection.execute('SELECT n FROM kept ORDER BY n')).rows).toEqual([[7]])
  })

  it('fails with typed errors for bad statements', async () => {
    const syntax = await failureOf(
      collect(connection.stream(queries.syntaxError, { queryId: 'bad', batchSize: 10 })),
      'syntax',
    )
    expect(syntax.engine).toBe(harness.engine)
    expect(syntax.code).toBeTruthy()
    await failureOf(connection.execute(queries.badQuery), 'syntax')
    await failureOf(connection.execute(queries.nothing), 'invalid-input')
    await failureOf(collect(connection.stream(queries.one, { queryId: 'zero', batchSize: 0 })), 'invalid-input')
    // The connection is still fine.
    expect((await connection.execute(queries.one)).rows).toEqual([[1]])
  })
})
