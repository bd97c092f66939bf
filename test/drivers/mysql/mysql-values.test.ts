import type { RowDataPacket } from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { ResultColumn, WireValue } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { collect } from '../../helpers/streams'

const ONES_64 = '1'.repeat(64)

/** Column → [SQL type, SQL literal, expected wire value, expected result column type]. */
const CASES: Record<string, [string, string, WireValue, string]> = {
  big_max: ['BIGINT', '9223372036854775807', { $: 'int', v: '9223372036854775807' }, 'bigint'],
  big_min: ['BIGINT', '-9223372036854775808', { $: 'int', v: '-9223372036854775808' }, 'bigint'],
  big_unsafe: ['BIGINT', '-9007199254740992', { $: 'int', v: '-9007199254740992' }, 'bigint'],
  ubig_max: ['BIGINT UNSIGNED', '18446744073709551615', { $: 'int', v: '18446744073709551615' }, 'bigint unsigned'],
  ubig_safe: ['BIGINT UNSIGNED', '9007199254740991', 9007199254740991, 'bigint unsigned'],
  tiny: ['TINYINT', '-128', -128, 'tinyint'],
  zero_filled: ['INT(5) ZEROFILL', '42', '00042', 'int unsigned zerofill'],
  dec_max: [
    'DECIMAL(38,10)',
    '9999999999999999999999999999.9999999999',
    '9999999999999999999999999999.9999999999',
    'decimal(38,10)',
  ],
  dec_small: ['DECIMAL(38,10)', '-0.0000000001', '-0.0000000001', 'decimal(38,10)'],
  dec_int: ['DECIMAL(38,0) UNSIGNED', '1'.repeat(38), '1'.repeat(38), 'decimal(38,0) unsigned'],
  float_value: ['FLOAT', '0.1', 0.1, 'float'],
  double_max: ['DOUBLE', '1.7976931348623157e308', 1.7976931348623157e308, 'double'],
  double_tiny: ['DOUBLE', '5e-324', 5e-324, 'double'],
  day: ['DATE', "'2024-02-29'", '2024-02-29', 'date'],
  moment: ['DATETIME(6)', "'2024-02-29 23:59:59.999999'", '2024-02-29 23:59:59.999999', 'datetime(6)'],
  stamp: ['TIMESTAMP(3) NULL', "'2038-01-19 03:14:07.999'", '2038-01-19 03:14:07.999', 'timestamp(3)'],
  zero_day: ['DATE', "'0000-00-00'", '0000-00-00', 'date'],
  zero_moment: ['DATETIME', "'0000-00-00 00:00:00'", '0000-00-00 00:00:00', 'datetime'],
  time_negative: ['TIME', "'-838:59:59'", '-838:59:59', 'time'],
  time_long: ['TIME(3)', "'123:45:06.5'", '123:45:06.500', 'time(3)'],
  year_value: ['YEAR', '2024', '2024', 'year'],
  enum_value: ["ENUM('small','large')", "'large'", 'large', 'enum'],
  set_value: ["SET('a','b','c')", "'c,a'", 'a,c', 'set'],
  json_value: ['JSON', '\'{"a": 1, "b": [true, null]}\'', '{"a": 1, "b": [true, null]}', 'json'],
  bits: ['BIT(3)', "b'101'", "b'101'", 'bit(3)'],
  bits_zero: ['BIT(8)', "b'0'", "b'0'", 'bit(8)'],
  bits_64: ['BIT(64)', `b'${ONES_64}'`, `b'${ONES_64}'`, 'bit(64)'],
  uuid_bytes: [
    'BINARY(16)',
    "UNHEX('0123456789ABCDEF0123456789ABCDEF')",
    { $: 'bytes', v: '0123456789abcdef0123456789abcdef', n: 16 },
    'binary(16)',
  ],
  varbinary_empty: ['VARBINARY(10)', "X''", { $: 'bytes', v: '', n: 0 }, 'varbinary(10)'],
  blob_value: ['BLOB', "X'00FF0A22'", { $: 'bytes', v: '00ff0a22', n: 4 }, 'blob'],
  empty_text: ['VARCHAR(20)', "''", '', 'varchar(20)'],
  null_text: ['VARCHAR(20)', 'NULL', null, 'varchar(20)'],
  escapes: ['VARCHAR(40)', '\'say "hi"\\\\ \\n\\t end\'', 'say "hi"\\ \n\t end', 'varchar(40)'],
  unicode: ['TEXT', "'héllo ✓ 🎉 日本語'", 'héllo ✓ 🎉 日本語', 'text'],
  latin: ['VARCHAR(20) CHARACTER SET latin1', "'café'", 'café', 'varchar(20)'],
  point: ['POINT', "ST_GeomFromText('POINT(1 2)')", 'POINT(1 2)', 'point'],
  line: ['LINESTRING', "ST_GeomFromText('LINESTRING(0 0,1 1,2.5 -2)')", 'LINESTRING(0 0,1 1,2.5 -2)', 'linestring'],
  polygon: [
    'POLYGON',
    "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7,5 5))')",
    'POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,7 5,7 7,5 7,5 5))',
    'polygon',
  ],
  multipoint: ['MULTIPOINT', "ST_GeomFromText('MULTIPOINT(0 0,20 20)')", 'MULTIPOINT(0 0,20 20)', 'multipoint'],
  multiline: [
    'MULTILINESTRING',
    "ST_GeomFromText('MULTILINESTRING((10 10,20 20),(15 15,30 15))')",
    'MULTILINESTRING((10 10,20 20),(15 15,30 15))',
    'multilinestring',
  ],
  multipolygon: [
    'MULTIPOLYGON',
    "ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,7 5,7 7,5 5)))')",
    'MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,7 5,7 7,5 5)))',
    'multipolygon',
  ],
  collection: [
    'GEOMETRYCOLLECTION',
    "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(10 10),LINESTRING(15 15,20 20))')",
    'GEOMETRYCOLLECTION(POINT(10 10),LINESTRING(15 15,20 20))',
    'geometrycollection',
  ],
  with_srid: ['GEOMETRY', "ST_GeomFromText('POINT(1.5 -2.25)', 3857)", 'SRID=3857;POINT(1.5 -2.25)', 'geometry'],
}

const byName = (columns: ResultColumn[], row: WireValue[] | undefined) =>
  Object.fromEntries(columns.map((column, i) => [column.name, row?.[i]]))

describeMysql('mysql: exact values', (harness) => {
  let db: TestDatabase
  let connection: DriverConnection
  const names = Object.keys(CASES)

  beforeAll(async () => {
    const columns = names.map((name) => `${name} ${CASES[name]![0]}`).join(', ')
    const values = names.map((name) => CASES[name]![1]).join(', ')
    db = await harness.createDatabase('values', [
      "SET SESSION sql_mode = ''", // zero dates, as a legacy server would hold them
      `CREATE TABLE fidelity (${columns})`,
      `INSERT INTO fidelity VALUES (${values})`,
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('streams each value as the server holds it, in its wire form', async () => {
    const { columns, rows } = await collect(connection.stream('SELECT * FROM fidelity', { queryId: 'v', batchSize: 7 }))
    const actual = byName(columns, rows[0])
    const expected = Object.fromEntries(names.map((name) => [name, CASES[name]![2]]))
    if (harness.server.flavor === 'mysql') delete expected.with_srid // MySQL 8 may swap axes by SRS
    for (const [name, value] of Object.entries(expected)) expect(actual[name], name).toEqual(value)
  })

  it('reports result column types as the server declares them', async () => {
    const { columns } = await connection.execute('SELECT * FROM fidelity LIMIT 0')
    const types = Object.fromEntries(columns.map((column) => [column.name, column.type]))
    for (const name of names) {
      const declared = CASES[name]![3]
      // Only MariaDB says which geometry a column holds (extended metadata); MySQL says `geometry`.
      const expected =
        harness.server.flavor === 'mysql' && CASES[name]![0].match(/POINT|LINE|POLYGON|COLL/) ? 'geometry' : declared
      expect(types[name], name).toBe(expected)
    }
    const computed = await connection.execute("SELECT 1 AS n, 'x' AS s, 1.50 AS d, NULL AS nothing")
    expect(computed.columns.map((c) => c.type)).toEqual(['int', 'varchar(1)', 'decimal(3,2)', 'null'])
    expect(computed.rows).toEqual([[1, 'x', '1.50', null]])
  })

  it('writes geometry WKT as ST_AsText does, and dates in the session time zone, never the machine zone', async () => {
    const admin = await harness.admin()
    await admin.query(`USE \`${db.schema}\``)
    const [rows] = await admin.query<RowDataPacket[]>(
      'SELECT CAST(stamp AS CHAR) AS stamp, ST_AsText(polygon) AS polygon, ST_AsText(collection) AS collection FROM fidelity',
    )
    const result = await connection.execute('SELECT stamp, polygon, collection FROM fidelity')
    expect(result.rows[0]).toEqual([rows[0]!.stamp, rows[0]!.polygon, rows[0]!.collection])
  })

  it('keeps NULL and empty apart, and carries values larger than one protocol packet (16 MiB)', async () => {
    // The server must allow such a value: the throwaway test server does (64 MiB), others may not.
    const [[allowed]] = (await connection.execute('SELECT @@max_allowed_packet')).rows as [[number]]
    const chars = Math.min(9_000_000, Math.floor((allowed - 4096) / 2))
    const result = await connection.execute(
      `SELECT NULL AS a, '' AS b, 'NULL' AS c, LENGTH(REPEAT('é', ${chars})) AS bytes, REPEAT('é', ${chars}) AS big`,
    )
    const [a, b, c, bytes, big] = result.rows[0]!
    expect([a, b, c]).toEqual([null, '', 'NULL'])
    expect(bytes).toBe(chars * 2)
    expect(big).toBe('é'.repeat(chars))
  })

  it('passes question marks through: the text is never formatted client-side', async () => {
    const result = await connection.execute("SELECT '?' AS q, '??' AS qq")
    expect(result.rows).toEqual([['?', '??']])
  })

  it('decodes text in any result character set the server sends (SET character_set_results)', async () => {
    const samples: [string, string][] = [
      ['latin1', 'café €Ÿ'],
      ['cp850', 'café'],
      ['sjis', '日本語 カナ'],
      ['gbk', '中文'],
      ['koi8r', 'Привет'],
      ['euckr', '한국어'],
      ['ucs2', 'hЖ日'],
      ['utf16', 'hЖ🎉'],
      ['utf16le', 'hЖ🎉'],
      ['utf32', 'hЖ🎉'],
    ]
    for (const [set, text] of samples) {
      const sql = `SET character_set_results = ${set}; SELECT _utf8mb4 X'${Buffer.from(text).toString('hex')}' AS t, X'00ff' AS b`
      const result = await connection.execute(sql)
      expect(result.rows, set).toEqual([[text, { $: 'bytes', v: '00ff', n: 2 }]])
    }
    await connection.execute('SET character_set_results = utf8mb4')
  })
})
