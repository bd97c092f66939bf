import { afterAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { RowChange } from '../../src/shared/contract'
import { notRunBecause } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

/**
 * Issue 14's measure: 10,000 staged UPDATEs applied in one transaction (each keyed, guarded by
 * its original value and checked to affect one row). Opt-in (QUARRY_EDIT_BENCH=1): it takes
 * seconds per engine. Prints the plan and apply times.
 */
const ROWS = 10_000
const measured = ['sqlite', 'postgres', 'mysql', 'duckdb']
const selected = engines.filter((make) => measured.includes(make().engine))

describe.each(selected.map((make) => [make().engine, make] as const))('%s: 10,000 edits', (engine, make) => {
  const harness = make()
  let connection: DriverConnection | undefined
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('applies 10,000 UPDATEs in one transaction', async () => {
    if (!process.env['QUARRY_EDIT_BENCH']) {
      notRunBecause(engine, '10,000 edits', 'set QUARRY_EDIT_BENCH=1 to measure')
      return
    }
    const values = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, 'v${i + 1}')`).join(', ')
    const db = await harness.createDatabase('bench', [
      'CREATE TABLE b (id INTEGER PRIMARY KEY, v VARCHAR(20))',
      `INSERT INTO b VALUES ${values}`,
    ])
    connection = await harness.driver().connect(db.options)
    const changes: RowChange[] = Array.from({ length: ROWS }, (_, i) => ({
      op: 'update',
      original: { id: i + 1, v: `v${i + 1}` },
      set: { v: { value: `w${i + 1}` } },
    }))
    const request = { target: { schema: db.schema, table: 'b' }, changes }
    let started = performance.now()
    await connection.edits!.preview(request, { database: db.name })
    const previewMs = performance.now() - started
    started = performance.now()
    const outcome = await connection.edits!.apply(request, { database: db.name, manualCommit: false })
    const applyMs = performance.now() - started
    expect(outcome).toMatchObject({ kind: 'applied', statements: ROWS, committed: true })
    const [[changed]] = (
      await collect(connection.stream("SELECT count(*) FROM b WHERE v LIKE 'w%'", { batchSize: 10 }))
    ).rows as [[unknown]]
    expect(Number(changed)).toBe(ROWS)
    console.log(
      `[${engine}] 10,000 UPDATEs: preview ${previewMs.toFixed(0)} ms, apply in one transaction ${applyMs.toFixed(0)} ms (${((applyMs * 1000) / ROWS).toFixed(0)} µs each)`,
    )
  }, 300_000)
})
