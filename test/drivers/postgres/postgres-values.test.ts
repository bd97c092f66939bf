import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { PortalStatement } from '../../../src/main/drivers/postgres/postgres-portal'
import { RawDataRow } from '../../../src/main/drivers/postgres/postgres-raw-rows'
import { pgClient } from '../../../src/main/drivers/postgres/postgres-session'
import { TypeNames } from '../../../src/main/drivers/postgres/postgres-type-names'
import { decodeRows } from '../../../src/shared/contract'
import type { WireValue } from '../../../src/shared/contract'
import { postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { collect } from '../../helpers/streams'

/** Expression, the wire value it must arrive as (psql's text for text values), its column type. */
const FIDELITY: [string, WireValue, string][] = [
  ["'-9223372036854775808'::bigint", { $: 'int', v: '-9223372036854775808' }, 'bigint'],
  ['9223372036854775807::bigint', { $: 'int', v: '9223372036854775807' }, 'bigint'],
  ['9007199254740991::bigint', 9007199254740991, 'bigint'],
  ['32767::int2', 32767, 'smallint'],
  ['4294967295::oid', 4294967295, 'oid'],
  [
    '1234567890123456789012345678.0123456789::numeric(38,10)',
    '1234567890123456789012345678.0123456789',
    'numeric(38,10)',
  ],
  ["'NaN'::numeric", 'NaN', 'numeric'],
  ["'NaN'::float8", { $: 'float', v: 'NaN' }, 'double precision'],
  ["'Infinity'::float8", { $: 'float', v: 'Infinity' }, 'double precision'],
  ["'-Infinity'::float8", { $: 'float', v: '-Infinity' }, 'double precision'],
  ['1e300::float8', 1e300, 'double precision'],
  ["'-0'::float8", { $: 'float', v: '-0' }, 'double precision'],
  ['0.1::float4', 0.1, 'real'],
  ["DATE '2024-02-29'", '2024-02-29', 'date'],
  ["DATE 'infinity'", 'infinity', 'date'],
  ["TIME '23:59:59.999999'", '23:59:59.999999', 'time without time zone'],
  ["TIMETZ '12:00:00+05:30'", '12:00:00+05:30', 'time with time zone'],
  ["TIMESTAMP '1999-12-31 23:59:59.5'", '1999-12-31 23:59:59.5', 'timestamp without time zone'],
  ["TIMESTAMP '0044-03-15 12:00 BC'", '0044-03-15 12:00:00 BC', 'timestamp without time zone'],
  // Shown in the session's time zone, as psql shows it (the script sets Europe/Paris).
  ["TIMESTAMPTZ '2024-03-31 01:30:00+00'", '2024-03-31 03:30:00+02', 'timestamp with time zone'],
  ["'2024-03-31 01:30:00.123'::timestamptz(3)", '2024-03-31 01:30:00.123+01', 'timestamp(3) with time zone'],
  ["INTERVAL '1 year 2 mons 3 days 04:05:06.789'", '1 year 2 mons 3 days 04:05:06.789', 'interval'],
  ["'7b6f0c3e-9d1a-4e59-8f3a-1c2d3e4f5a6b'::uuid", '7b6f0c3e-9d1a-4e59-8f3a-1c2d3e4f5a6b', 'uuid'],
  [`'{"b": 1, "a": [1, 2.50, "x"]}'::json`, '{"b": 1, "a": [1, 2.50, "x"]}', 'json'],
  [`'{"b": 1, "a": [1, 2.50, "x"]}'::jsonb`, '{"a": [1, 2.50, "x"], "b": 1}', 'jsonb'],
  ['ARRAY[1, NULL, 3]', '{1,NULL,3}', 'integer[]'],
  [`ARRAY['a b', 'c"d', NULL, '']`, '{"a b","c\\"d",NULL,""}', 'text[]'],
  ['ARRAY[[1.5, 2], [3, 4]]::numeric[]', '{{1.5,2},{3,4}}', 'numeric[]'],
  ["'happy'::mood", 'happy', 'mood'],
  ["B'1010'", '1010', '"bit"'],
  ["B'1010'::bit(4)", '1010', 'bit(4)'],
  ["B'101'::varbit(8)", '101', 'bit varying(8)'],
  ["'\\x00ff10'::bytea", { $: 'bytes', v: '00ff10', n: 3 }, 'bytea'],
  ["''::bytea", { $: 'bytes', v: '', n: 0 }, 'bytea'],
  [
    "(SELECT string_agg(set_byte('\\x00'::bytea, 0, i), ''::bytea ORDER BY i) FROM generate_series(0, 255) i)",
    { $: 'bytes', v: Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex'), n: 256 },
    'bytea',
  ],
  ["repeat('é✓🎉x', 300000)", 'é✓🎉x'.repeat(300_000), 'text'],
  ["''::text", '', 'text'],
  ['NULL::text', null, 'text'],
  ["'NULL'::text", 'NULL', 'text'],
  ["'x'::varchar(20)", 'x', 'character varying(20)'],
  ["'ab'::char(5)", 'ab   ', 'character(5)'],
  ["'192.168.0.1/24'::inet", '192.168.0.1/24', 'inet'],
  ['12.5::money', '$12.50', 'money'],
  ['true', true, 'boolean'],
  ['false', false, 'boolean'],
  ['point(1.5, 2)', '(1.5,2)', 'point'],
  ["'a' || chr(10) || 'b\"\\' || chr(9)", 'a\nb"\\\t', 'text'],
  ["'héllo ✓ 🎉 日本語'", 'héllo ✓ 🎉 日本語', 'text'],
]

describe.skipIf(!postgresUrl())('postgres: values as psql shows them', () => {
  const harness = postgresHarness()
  let connection: DriverConnection
  let database: string

  beforeAll(async () => {
    const db = await harness.createDatabase('values', [
      "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
      'CREATE TABLE typed (a numeric(38, 10), b varchar(20), c timestamptz(3), d integer[], e mood, f bit(3))',
      "INSERT INTO typed VALUES (1.5, 'x', '2024-01-01 00:00:00+00', '{1,2}', 'ok', B'101')",
    ])
    database = db.name
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('streams every value exactly, with its type as the server names it', async () => {
    const select = `SELECT ${FIDELITY.map(([expression], i) => `${expression} AS c${i}`).join(', ')}`
    const script = `SET TimeZone = 'Europe/Paris'; ${select}`
    const { columns, rows } = await collect(connection.stream(script, { queryId: 'fidelity', batchSize: 10 }))
    expect(rows).toHaveLength(1)
    FIDELITY.forEach(([expression, value, type], i) => {
      expect(rows[0]![i], expression).toEqual(value)
      expect(columns[i]?.type, expression).toBe(type)
    })
  })

  it('names table column types with their modifiers, user types per database', async () => {
    const result = await connection.execute('SELECT * FROM typed')
    // (Each also names its table column: see column-origins.test.ts.)
    expect(result.columns.map(({ name, type }) => ({ name, type }))).toEqual([
      { name: 'a', type: 'numeric(38,10)' },
      { name: 'b', type: 'character varying(20)' },
      { name: 'c', type: 'timestamp(3) with time zone' },
      { name: 'd', type: 'integer[]' },
      { name: 'e', type: 'mood' },
      { name: 'f', type: 'bit(3)' },
    ])
    expect(result.rows).toEqual([['1.5000000000', 'x', '2024-01-01 00:00:00+00', '{1,2}', 'ok', '101']])
    const other = await connection.execute("SELECT 'sad'::text AS e", { database: 'postgres' })
    expect(other.columns).toEqual([{ name: 'e', type: 'text' }])
    expect(database).toMatch(/^quarry_values/)
  })

  it("reads rows from the DataRow bytes on the driver's pg clients (pg's own queries still get text)", async () => {
    const client = pgClient({ connectionString: postgresUrl()! })
    await client.connect()
    try {
      const portal = new PortalStatement("SELECT g, repeat('é', g::int) FROM generate_series(1, 3) g", 10)
      const raw: boolean[] = []
      const handle = portal.handleDataRow.bind(portal)
      portal.handleDataRow = (message) => {
        raw.push(message instanceof RawDataRow)
        handle(message)
      }
      client.query(portal)
      const batch = await portal.first
      await portal.ended
      expect(raw).toEqual([true, true, true])
      expect(decodeRows(batch.rows!)).toEqual([
        [1, 'é'],
        [2, 'éé'],
        [3, 'ééé'],
      ])
      const { rows } = await client.query({ text: "SELECT 'ü' || $1::text AS t", values: ['✓'] })
      expect(rows).toEqual([{ t: 'ü✓' }])
    } finally {
      await client.end()
    }
  })

  it('never shifts a timestamp without time zone, whatever the session time zone', async () => {
    const sql = (zone: string) =>
      `SET TimeZone = '${zone}'; SELECT TIMESTAMP '2024-03-31 02:30:00' AS t, now() IS NOT NULL AS ok`
    for (const zone of ['UTC', 'Pacific/Auckland', 'America/St_Johns']) {
      const result = await connection.execute(sql(zone))
      expect(result.rows).toEqual([['2024-03-31 02:30:00', true]])
    }
  })
})

// Each cell kind from the DataRow bytes into a batch: postgres-cells.test.ts.
describe('postgres values: type names', () => {
  it('asks the server for type names once per (type, modifier), never for common built-ins', async () => {
    const asked: number[][] = []
    const names = new TypeNames(async (_db, types, typmods) => {
      asked.push([...types, ...typmods])
      return types.map((type, i) => `t${type}(${typmods[i]})`)
    })
    const fields = [
      { name: 'a', dataTypeID: 23, dataTypeModifier: -1 },
      { name: 'b', dataTypeID: 1043, dataTypeModifier: 24 },
      { name: 'c', dataTypeID: 20_000, dataTypeModifier: -1 },
    ]
    expect(await names.resolve('one', fields)).toEqual(['integer', 't1043(24)', 't20000(-1)'])
    expect(await names.resolve('one', fields)).toEqual(['integer', 't1043(24)', 't20000(-1)'])
    expect(asked).toEqual([[1043, 20_000, 24, -1]])
    // A user type's OID means something else in another database.
    await names.resolve('two', fields)
    expect(asked[1]).toEqual([20_000, -1])
  })
})
