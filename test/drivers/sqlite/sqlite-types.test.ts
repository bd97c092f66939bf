import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { TestDatabase } from '../../helpers/engine-harness'
import { sqliteHarness } from '../../helpers/sqlite-harness'

/** SQLite-only value cases (their SQL is SQLite's); the shared ones are in ../types.test.ts. */
describe('sqlite: engine-specific values', () => {
  const harness = sqliteHarness()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('sqlite-types', harness.fixtures.values.setup)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('keeps infinite reals and awkward text exact', async () => {
    const result = await connection.execute(
      `SELECT 1e999 AS inf, -1e999 AS ninf, 'quote " back\\ slash' AS q, 'line' || char(10) || 'break' || char(9) AS ws, char(0x2028) AS sep`,
    )
    expect(result.rows).toEqual([
      [
        { $: 'float', v: 'Infinity' },
        { $: 'float', v: '-Infinity' },
        'quote " back\\ slash',
        'line\nbreak\t',
        '\u2028',
      ],
    ])
  })

  it('keeps integers exact in expressions at the 2^53 boundary', async () => {
    const result = await connection.execute(
      'SELECT 9007199254740991 AS a, 9007199254740991 + 2 AS b, -9007199254740991 - 2 AS c, 0.5 AS d',
    )
    expect(result.rows).toEqual([
      [9007199254740991, { $: 'int', v: '9007199254740993' }, { $: 'int', v: '-9007199254740993' }, 0.5],
    ])
  })

  it('reports declared column types', async () => {
    const result = await connection.execute('SELECT max_safe, unicode, bytes FROM vals')
    const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]))
    expect(types.max_safe).toMatch(/int/i)
    expect(types.unicode).toMatch(/text/i)
    expect(types.bytes).toMatch(/blob|bytea|binary/i)
  })
})
