import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { ResultColumn, WireValue } from '../../src/shared/contract'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

/** The exact wire value each column of the fixture's one row must arrive as. */
const EXPECTED: Record<string, WireValue> = {
  above_2_53: { $: 'int', v: '9007199254740993' },
  int64_min: { $: 'int', v: '-9223372036854775808' },
  int64_max: { $: 'int', v: '9223372036854775807' },
  max_safe: 9007199254740991,
  min_safe: -9007199254740991,
  real_value: 3.25,
  negative_real: -0.1,
  empty_text: '',
  null_text: null,
  null_word: 'NULL',
  bytes: { $: 'bytes', v: '00ff10', n: 3 },
  empty_bytes: { $: 'bytes', v: '', n: 0 },
  unicode: 'héllo ✓ 🎉 日本語',
}

const byColumn = (columns: ResultColumn[], row: WireValue[] | undefined) =>
  Object.fromEntries(columns.map((column, i) => [column.name, row?.[i]]))

describe.each(engines.map((make) => [make().engine, make] as const))('%s: value types', (_engine, make) => {
  const harness = make()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('types', harness.fixtures.values)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('streams every value exactly, through the wire encoding', async () => {
    const { columns, rows } = await collect(connection.stream('SELECT * FROM vals', { queryId: 'types', batchSize: 4 }))
    expect(rows).toHaveLength(1)
    expect(byColumn(columns, rows[0])).toEqual(EXPECTED)
  })

  it('returns the same exact values from execute', async () => {
    const result = await connection.execute('SELECT * FROM vals')
    expect(byColumn(result.columns, result.rows[0])).toEqual(EXPECTED)
    expect(result.affectedRows).toBeNull()
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
