import type { EngineId, WireValue } from '../../src/shared/contract'

/**
 * The tables the edit tests use, per SQL engine: `items` (primary key id, name, qty), `pairs`
 * (composite key a, b; note), `loose` (no key at all: tag, note; two rows share tag 'dup') and
 * `corpus` (primary key id, then hostile values: two seeded rows, 1 and 2, of exact edge values
 * in every column but id, row 2 mostly the other edge, NULL in the nullable text).
 */
export interface EditFixture {
  setup: string[]
  /**
   * Values typed as text into `corpus` row 1's typed columns (as an in-cell editor sends them), and
   * the exact wire values they read back as: the column's type converts them, nothing is rounded.
   */
  typed: { set: Record<string, string>; read: Record<string, WireValue> }
}

const common = (text: string, int: string) => [
  `CREATE TABLE items (id ${int} PRIMARY KEY, name ${text}, qty ${int})`,
  "INSERT INTO items VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)",
  `CREATE TABLE pairs (a ${int} NOT NULL, b ${text} NOT NULL, note ${text}, PRIMARY KEY (a, b))`,
  "INSERT INTO pairs VALUES (1, 'x', 'first'), (1, 'y', 'second'), (2, 'x', 'third')",
  `CREATE TABLE loose (tag ${text}, note ${text})`,
  "INSERT INTO loose VALUES ('solo', 'a'), ('dup', 'b'), ('dup', 'c')",
]

export const EDIT_FIXTURES: Partial<Record<EngineId, EditFixture>> = {
  sqlite: {
    setup: [
      ...common('TEXT', 'INTEGER'),
      'CREATE TABLE corpus (id INTEGER PRIMARY KEY, i INTEGER, r REAL, d TEXT, b BLOB, j TEXT, s TEXT, n NUMERIC, x REAL, a)',
      `INSERT INTO corpus VALUES (1, 9223372036854775807, 0.1, '12345678901234567890123456789012345678',
        X'00ff0080', '{"n":123456789012345678901234567890}', '', 1.5, 9e999, 'text in an untyped column')`,
      `INSERT INTO corpus VALUES (2, -9223372036854775808, 1.7976931348623157e308, '-0.00000000000000000000000000000000000001',
        X'', '[1e400]', NULL, 9007199254740993, -9e999, X'ff')`,
    ],
    typed: {
      set: { i: '-9223372036854775807', r: '1e-7', s: '' },
      read: { i: { $: 'int', v: '-9223372036854775807' }, r: 1e-7, s: '' },
    },
  },
  postgres: {
    setup: [
      ...common('text', 'integer'),
      `CREATE TABLE corpus (id integer PRIMARY KEY, i8 bigint, n numeric(38,0), nd numeric(38,10), tz timestamptz,
        ts timestamp(6), bn bytea, js json, jb jsonb, t text, f8 float8, f4 real, b boolean, u uuid, arr integer[],
        iv interval, vc varchar(5))`,
      `INSERT INTO corpus VALUES (1, 9223372036854775807, 99999999999999999999999999999999999999,
        1234567890123456789012345678.9012345678, '2024-01-02 03:04:05.123456+05:30', '2024-01-02 03:04:05.123456',
        '\\x00ff0080', '{"n":  123456789012345678901234567890}', '{"n": 123456789012345678901234567890}', '',
        0.1, 0.1, true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,2}', '1 day 00:00:00.000001', 'abcde')`,
      `INSERT INTO corpus VALUES (2, -9223372036854775808, -99999999999999999999999999999999999999,
        -0.0000000001, '1999-12-31 23:59:59.999999-08', '0001-01-01 00:00:00', '\\x', '[]', '[1e400]', NULL,
        'Infinity', '-Infinity', false, NULL, '{}', '-1 mons', '')`,
    ],
    typed: {
      set: {
        i8: '-9223372036854775807',
        n: '12345678901234567890123456789012345678',
        nd: '0.5',
        ts: '2020-02-29 12:00:00.000001',
        js: '{"big": 123456789012345678901234567890}',
        f8: '1e-7',
        bn: '\\x00ff',
        t: '',
      },
      read: {
        i8: { $: 'int', v: '-9223372036854775807' },
        n: '12345678901234567890123456789012345678',
        nd: '0.5000000000',
        ts: '2020-02-29 12:00:00.000001',
        js: '{"big": 123456789012345678901234567890}',
        f8: 1e-7,
        bn: { $: 'bytes', v: '00ff', n: 2 },
        t: '',
      },
    },
  },
  mysql: {
    setup: [
      ...common('VARCHAR(100)', 'INT'),
      `CREATE TABLE corpus (id INT PRIMARY KEY, i8 BIGINT, u8 BIGINT UNSIGNED, n DECIMAL(38,0), nd DECIMAL(38,10),
        dt DATETIME(6), bn VARBINARY(16), bl BLOB, js JSON, t TEXT, f8 DOUBLE, b BOOLEAN, e ENUM('a','b'))`,
      `INSERT INTO corpus VALUES (1, 9223372036854775807, 18446744073709551615, 99999999999999999999999999999999999999,
        1234567890123456789012345678.9012345678, '2024-01-02 03:04:05.123456', X'00ff0080', X'ff00',
        '{"n": 1234567890123456789}', '', 0.1, TRUE, 'a')`,
      `INSERT INTO corpus VALUES (2, -9223372036854775808, 0, -99999999999999999999999999999999999999,
        -0.0000000001, '1000-01-01 00:00:00', X'', X'', '[]', NULL, 1.7976931348623157e308, FALSE, 'b')`,
    ],
    typed: {
      set: {
        i8: '-9223372036854775807',
        u8: '18446744073709551614',
        n: '12345678901234567890123456789012345678',
        nd: '0.5',
        dt: '2020-02-29 12:00:00.000001',
        f8: '1e-7',
        t: '',
      },
      read: {
        i8: { $: 'int', v: '-9223372036854775807' },
        u8: { $: 'int', v: '18446744073709551614' },
        n: '12345678901234567890123456789012345678',
        nd: '0.5000000000',
        dt: '2020-02-29 12:00:00.000001',
        f8: 1e-7,
        t: '',
      },
    },
  },
  duckdb: {
    setup: [
      ...common('VARCHAR', 'INTEGER'),
      `CREATE TABLE corpus (id INTEGER PRIMARY KEY, i8 BIGINT, hu HUGEINT, ub UBIGINT, n DECIMAL(38,0),
        nd DECIMAL(38,10), tz TIMESTAMPTZ, ts TIMESTAMP, bn BLOB, t VARCHAR, f8 DOUBLE, b BOOLEAN)`,
      `INSERT INTO corpus VALUES (1, 9223372036854775807, 170141183460469231731687303715884105727,
        18446744073709551615, 99999999999999999999999999999999999999, 1234567890123456789012345678.9012345678,
        '2024-01-02 03:04:05.123456+05:30', '2024-01-02 03:04:05.123456', '\\x00\\xFF\\x00\\x80'::BLOB, '', 0.1, true)`,
      `INSERT INTO corpus VALUES (2, -9223372036854775808, -170141183460469231731687303715884105727, 0,
        -99999999999999999999999999999999999999, -0.0000000001, '1999-12-31 23:59:59.999999-08',
        '0001-01-01 00:00:00', ''::BLOB, NULL, 'inf', false)`,
    ],
    typed: {
      set: {
        hu: '-170141183460469231731687303715884105727',
        ub: '18446744073709551614',
        nd: '0.5',
        ts: '2020-02-29 12:00:00.000001',
        f8: '1e-7',
        t: '',
      },
      read: {
        hu: { $: 'int', v: '-170141183460469231731687303715884105727' },
        ub: { $: 'int', v: '18446744073709551614' },
        nd: '0.5000000000',
        ts: '2020-02-29 12:00:00.000001',
        f8: 1e-7,
        t: '',
      },
    },
  },
  mssql: {
    setup: [
      ...common('NVARCHAR(100)', 'INT'),
      `CREATE TABLE corpus (id INT PRIMARY KEY, i8 BIGINT, n DECIMAL(38,0), nd DECIMAL(38,10), dto DATETIMEOFFSET(7),
        dt2 DATETIME2(7), bn VARBINARY(16), t NVARCHAR(100), f8 FLOAT, b BIT, u UNIQUEIDENTIFIER)`,
      `INSERT INTO corpus VALUES (1, 9223372036854775807, 99999999999999999999999999999999999999,
        1234567890123456789012345678.9012345678, '2024-01-02 03:04:05.1234567+05:30', '2024-01-02 03:04:05.1234567',
        0x00FF0080, N'', 0.1, 1, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')`,
      `INSERT INTO corpus VALUES (2, -9223372036854775808, -99999999999999999999999999999999999999,
        -0.0000000001, '1999-12-31 23:59:59.9999999-08:00', '0001-01-01 00:00:00', 0x, NULL, 1.7976931348623157e308, 0, NULL)`,
    ],
    typed: {
      set: {
        i8: '-9223372036854775807',
        n: '12345678901234567890123456789012345678',
        nd: '0.5',
        dt2: '2020-02-29 12:00:00.0000001',
        t: '',
      },
      read: {
        i8: { $: 'int', v: '-9223372036854775807' },
        n: '12345678901234567890123456789012345678',
        nd: '0.5000000000',
        t: '',
      },
    },
  },
}
