import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { WireValue } from '../../../src/shared/contract'
import { duckdbHarness } from '../../helpers/duckdb-harness'
import { collect } from '../../helpers/streams'

/** Each column: its DuckDB type, a value, and the exact wire value it must arrive as. */
const VALUES: Record<string, { type: string; sql: string; wire: WireValue | null }> = {
  hugeint_max: {
    type: 'HUGEINT',
    sql: '170141183460469231731687303715884105727',
    wire: { $: 'int', v: '170141183460469231731687303715884105727' },
  },
  hugeint_min: {
    type: 'HUGEINT',
    sql: '-170141183460469231731687303715884105727 - 1',
    wire: { $: 'int', v: '-170141183460469231731687303715884105728' },
  },
  ubigint_max: { type: 'UBIGINT', sql: '18446744073709551615', wire: { $: 'int', v: '18446744073709551615' } },
  decimal_38: {
    type: 'DECIMAL(38, 18)',
    sql: '12345678901234567890.123456789012345678',
    wire: '12345678901234567890.123456789012345678',
  },
  decimal_tiny: { type: 'DECIMAL(38, 37)', sql: '0.1', wire: '0.1000000000000000000000000000000000000' },
  decimal_negative: { type: 'DECIMAL(4, 2)', sql: '-1.5', wire: '-1.50' },
  interval: {
    type: 'INTERVAL',
    sql: "INTERVAL '1 year 2 months 3 days 04:05:06.5'",
    wire: '1 year 2 months 3 days 04:05:06.5',
  },
  interval_negative: { type: 'INTERVAL', sql: "INTERVAL '-3 hours'", wire: '-03:00:00' },
  uuid: {
    type: 'UUID',
    sql: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
    wire: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  },
  blob: { type: 'BLOB', sql: "'\\x00\\xFFab'::BLOB", wire: { $: 'bytes', v: '00ff6162', n: 4 } },
  list_text: { type: 'VARCHAR[]', sql: "['a', 'b c', NULL, 'it''s', '', 'NULL']", wire: null },
  list_nested: { type: 'INTEGER[][]', sql: '[[1, 2], [], NULL]', wire: '[[1, 2], [], NULL]' },
  struct: {
    type: 'STRUCT(a INTEGER, b VARCHAR, c INTEGER[])',
    sql: "{'a': 1, 'b': 'x y, z', 'c': [1, 2]}",
    wire: null,
  },
  map: { type: 'MAP(VARCHAR, INTEGER[])', sql: "MAP {'k': [1], 'l=m': NULL}", wire: null },
  timestamptz: { type: 'TIMESTAMPTZ', sql: "TIMESTAMPTZ '2024-03-01 12:34:56.789+02'", wire: null },
  date: { type: 'DATE', sql: "DATE '2024-02-29'", wire: '2024-02-29' },
  timestamp: { type: 'TIMESTAMP', sql: "TIMESTAMP '2024-01-01 00:00:00.123456'", wire: '2024-01-01 00:00:00.123456' },
  double_inf: { type: 'DOUBLE', sql: "'inf'", wire: { $: 'float', v: 'Infinity' } },
}

const names = Object.keys(VALUES)
const textColumns = names.filter((name) => typeof VALUES[name]!.wire === 'string' || VALUES[name]!.wire === null)

/**
 * DuckDB's exact values through the whole wire: integers past 2^64 exact, DECIMAL(38) digits,
 * and every value without a JSON type as the text DuckDB itself prints (its VARCHAR cast, which is
 * what the duckdb CLI shows) — text the same cast reads back to the same value.
 */
describe('duckdb: exact values', () => {
  const harness = duckdbHarness()
  let connection: DriverConnection

  beforeAll(async () => {
    const columns = names.map((name) => `${name} ${VALUES[name]!.type}`).join(', ')
    const values = names.map((name) => VALUES[name]!.sql).join(', ')
    const db = await harness.createDatabase('exact', [
      `CREATE TABLE exact (${columns})`,
      `INSERT INTO exact VALUES (${values})`,
      `INSERT INTO exact VALUES (${names.map(() => 'NULL').join(', ')})`,
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  const row = async (sql: string): Promise<Record<string, WireValue>> => {
    const result = await collect(connection.stream(sql, { queryId: sql, batchSize: 1 }))
    return Object.fromEntries(result.columns.map((column, i) => [column.name, result.rows[0]![i]!]))
  }

  it('streams each value exactly, as DuckDB prints it', async () => {
    const got = await row('SELECT * FROM exact LIMIT 1')
    const printed = await row(
      `SELECT ${textColumns.map((n) => `CAST(${n} AS VARCHAR) AS ${n}`).join(', ')} FROM exact LIMIT 1`,
    )
    for (const name of names) {
      const expected = VALUES[name]!.wire ?? printed[name]
      expect(got[name], name).toEqual(expected)
      if (textColumns.includes(name)) expect(got[name], `${name} as the CLI prints it`).toBe(printed[name])
    }
    // DuckDB's own quoting rules for text inside nested values, not JavaScript's.
    expect(got['list_text']).toBe("[a, b c, NULL, 'it\\'s', '', 'NULL']")
    expect(got['map']).toBe("{k=[1], 'l=m'=NULL}")
  })

  it('sends NULL as null in every type', async () => {
    const got = await row('SELECT * FROM exact OFFSET 1')
    for (const name of names) expect(got[name], name).toBeNull()
  })

  it('prints text that casts back to the same value', async () => {
    const got = await row('SELECT * FROM exact LIMIT 1')
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
    const checks = textColumns.map(
      (name) => `CAST(${literal(String(got[name]))} AS ${VALUES[name]!.type}) = ${name} AS ${name}`,
    )
    const same = await row(`SELECT ${checks.join(', ')} FROM exact LIMIT 1`)
    for (const name of textColumns) expect(same[name], name).toBe(true)
  })
})

/**
 * TIMESTAMPTZ text depends on the session's TimeZone (a per-connection setting): a tab's
 * `SET TimeZone` must show in its results exactly as DuckDB's own cast prints them there; in UTC
 * the text is made from the stored microseconds (no cast), and must still be DuckDB's.
 */
describe('duckdb: TIMESTAMPTZ as the session prints it', () => {
  const harness = duckdbHarness()
  let connection: DriverConnection
  const EDGES = [
    "TIMESTAMPTZ '2024-03-01 12:34:56.789+02'",
    "TIMESTAMPTZ '1970-01-01 00:00:00+00'",
    "TIMESTAMPTZ '1969-12-31 23:59:59.999999+00'",
    "TIMESTAMPTZ '0001-01-01 00:00:00+00'",
    "TIMESTAMPTZ '9999-12-31 23:59:59.999999+00'",
    "TIMESTAMPTZ '2024-10-27 01:30:00+00'",
    "(TIMESTAMP '0001-01-01 00:00:00' - INTERVAL '100 years')::TIMESTAMPTZ",
    "'infinity'::TIMESTAMPTZ",
    "'-infinity'::TIMESTAMPTZ",
    'NULL::TIMESTAMPTZ',
  ]

  beforeAll(async () => {
    const db = await harness.createDatabase('tz', [
      'CREATE TABLE tz (i INTEGER, t TIMESTAMPTZ)',
      `INSERT INTO tz VALUES ${EDGES.map((sql, i) => `(${i}, ${sql})`).join(', ')}`,
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  /** The last statement's rows of a script run on one session. */
  const lastRows = async (sql: string): Promise<WireValue[][]> => {
    const result = await collect(connection.stream(sql, { queryId: sql, batchSize: 4 }))
    return result.rows
  }

  for (const zone of ['UTC', 'Etc/UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kathmandu']) {
    it(`in ${zone}: the text DuckDB's cast prints in that session`, async () => {
      const rows = await lastRows(`SET TimeZone = '${zone}'; SELECT t, CAST(t AS VARCHAR) FROM tz ORDER BY i`)
      expect(rows).toHaveLength(EDGES.length)
      for (const [got, printed] of rows) expect(got).toBe(printed)
      if (zone === 'Asia/Tokyo') expect(rows[1]![0]).toBe('1970-01-01 09:00:00+09')
      if (zone.endsWith('UTC')) expect(rows[0]![0]).toBe('2024-03-01 10:34:56.789+00')
    })
  }
})
