import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../../shared/contract'
import type { ColumnInfo, EditRequest, RowChange, TableSchema } from '../../../shared/contract'
import { DUCKDB_EDIT_DIALECT } from '../duckdb/duckdb-edit-dialect'
import { MSSQL_EDIT_DIALECT } from '../mssql/mssql-edit-dialect'
import { MYSQL_EDIT_DIALECT } from '../mysql/mysql-edit-dialect'
import { POSTGRES_EDIT_DIALECT } from '../postgres/postgres-edit-dialect'
import { SQLITE_EDIT_DIALECT } from '../sqlite/sqlite-edit-dialect'
import { applyPlan } from './edit-apply'
import type { EditDialect } from './edit-dialect'
import { planEdits } from './edit-planner'

const column = (name: string, dataType: string, extra: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name,
  dataType,
  nullable: true,
  defaultValue: null,
  primaryKeyPosition: null,
  unique: false,
  autoIncrement: false,
  comment: null,
  ...extra,
})

const table = (columns: ColumnInfo[], primaryKey: string[] = [], extra: Partial<TableSchema> = {}): TableSchema => ({
  schema: 's',
  name: 't',
  kind: 'table',
  columns,
  primaryKey,
  indexes: [],
  foreignKeys: [],
  checks: [],
  definition: null,
  ...extra,
})

const request = (changes: RowChange[], keyColumns?: string[]): EditRequest => ({
  target: { schema: 's', table: 't' },
  changes,
  ...(keyColumns ? { keyColumns } : {}),
})

const plan = (dialect: EditDialect, schema: TableSchema, changes: RowChange[], keyColumns?: string[]) =>
  planEdits(request(changes, keyColumns), schema, dialect)

describe('edit keys', () => {
  const cols = [
    column('id', 'integer', { nullable: false }),
    column('code', 'text', { nullable: false }),
    column('v', 'text'),
  ]
  const change: RowChange = { op: 'delete', original: { id: 1, code: 'a', v: 'x' } }

  it('takes the primary key first, then a unique key on NOT NULL columns, then the chosen one', () => {
    expect(plan(SQLITE_EDIT_DIALECT, table(cols, ['id']), [change], ['v']).key).toEqual({
      columns: ['id'],
      source: 'primary-key',
    })
    const unique = {
      name: 'u',
      columns: ['code'],
      unique: true,
      primary: false,
      predicate: null,
      method: null,
      expressions: false,
    }
    expect(plan(SQLITE_EDIT_DIALECT, table(cols, [], { indexes: [unique] }), [change]).key).toEqual({
      columns: ['code'],
      source: 'unique',
    })
    expect(plan(SQLITE_EDIT_DIALECT, table(cols), [change], ['code', 'v']).key).toEqual({
      columns: ['code', 'v'],
      source: 'chosen',
    })
  })

  it('a partial unique index or one on a nullable column is no key; no key and none chosen is refused, saying why', () => {
    const partial = {
      name: 'p',
      columns: ['code'],
      unique: true,
      primary: false,
      predicate: 'v > 0',
      method: null,
      expressions: false,
    }
    const nullable = {
      name: 'n',
      columns: ['v'],
      unique: true,
      primary: false,
      predicate: null,
      method: null,
      expressions: false,
    }
    const refused = () => plan(SQLITE_EDIT_DIALECT, table(cols, [], { indexes: [partial, nullable] }), [change])
    expect(refused).toThrow(QuarryFailure)
    expect(refused).toThrow(/no primary key and no unique key on NOT NULL columns.*choose the columns/)
    expect(() => plan(SQLITE_EDIT_DIALECT, table(cols), [change], ['nope'])).toThrow(/"nope", which is not a column/)
  })

  it('a table without a key takes inserts alone (key "none"); an update or delete among them is still refused', () => {
    const insert: RowChange = { op: 'insert', values: { v: { value: 'new' } } }
    const planned = plan(POSTGRES_EDIT_DIALECT, table(cols), [insert, insert])
    expect(planned.key).toEqual({ columns: [], source: 'none' })
    expect(planned.statements.map((s) => s.sql)).toEqual([
      'INSERT INTO "s"."t" ("v") VALUES ($1::text)',
      'INSERT INTO "s"."t" ("v") VALUES ($1::text)',
    ])
    expect(planned.statements[0]!.current).toBeNull()
    expect(plan(POSTGRES_EDIT_DIALECT, table(cols), [insert], ['code']).key).toEqual({
      columns: ['code'],
      source: 'chosen',
    })
    expect(() => plan(POSTGRES_EDIT_DIALECT, table(cols), [insert, change])).toThrow(/no primary key.*need no key/)
  })

  it('refuses a change naming a column the table lacks, an empty update, a row without its key', () => {
    const schema = table(cols, ['id'])
    expect(() => plan(SQLITE_EDIT_DIALECT, schema, [{ op: 'insert', values: { zz: { value: 1 } } }])).toThrow(
      /no column "zz"/,
    )
    expect(() => plan(SQLITE_EDIT_DIALECT, schema, [{ op: 'update', original: { id: 1 }, set: {} }])).toThrow(
      /sets no column/,
    )
    expect(() => plan(SQLITE_EDIT_DIALECT, schema, [{ op: 'delete', original: { v: 'x' } }])).toThrow(
      /lacks its key column "id"/,
    )
  })

  it('guards an update by its key and changed columns only (what the page sends), and refuses one lacking a changed column', () => {
    const schema = table(cols, ['id'])
    const [statement] = plan(SQLITE_EDIT_DIALECT, schema, [
      { op: 'update', original: { id: 1, v: 'x' }, set: { v: { value: 'y' } } },
    ]).statements
    expect(statement!.sql).toMatch(/WHERE "id" = .* AND "v" = /)
    // Without its original value the change would be unguarded: refused, never run as key-only.
    expect(() =>
      plan(SQLITE_EDIT_DIALECT, schema, [{ op: 'update', original: { id: 1 }, set: { v: { value: 'y' } } }]),
    ).toThrow(/lacks the column it changes, "v"/)
  })
})

describe('statements per dialect', () => {
  // Hostile names: quotes of every dialect, a placeholder character, a comment opener.
  const hostile = [
    column('i"d`]', 'bigint', { nullable: false }),
    column("n'?$1 --", 'text'),
    column('d', 'text', { defaultValue: "'x'" }),
  ]
  const schema = table(hostile, ['i"d`]'])
  const original = { 'i"d`]': { $: 'int', v: '9223372036854775807' }, "n'?$1 --": null, d: '' } as const
  const changes: RowChange[] = [
    { op: 'update', original, set: { "n'?$1 --": { value: '' }, d: { default: true } } },
    { op: 'insert', values: { 'i"d`]': { value: -1 }, "n'?$1 --": { value: null }, d: { default: true } } },
    { op: 'insert', values: {} },
    { op: 'delete', original },
  ]

  it('PostgreSQL: $n cast to the column type; NULL-safe guards; DEFAULT; DEFAULT VALUES', () => {
    const pg = table(
      [column('i"d`]', 'bigint', { nullable: false }), column("n'?$1 --", 'text'), column('d', 'character varying(3)')],
      ['i"d`]'],
    )
    const { statements } = plan(POSTGRES_EDIT_DIALECT, pg, changes)
    expect(statements.map((s) => s.sql)).toEqual([
      `UPDATE "s"."t" SET "n'?$1 --" = $1::text, "d" = DEFAULT WHERE "i""d\`]" = $2::bigint AND "n'?$1 --" IS NULL AND "d" = $3::character varying`,
      `INSERT INTO "s"."t" ("i""d\`]", "n'?$1 --", "d") VALUES ($1::bigint, NULL, DEFAULT)`,
      'INSERT INTO "s"."t" DEFAULT VALUES',
      `DELETE FROM "s"."t" WHERE "i""d\`]" = $1::bigint AND "n'?$1 --" IS NULL AND "d" = $2::character varying`,
    ])
    expect(statements[0]!.params).toEqual(['', '9223372036854775807', ''])
    // A placeholder's spelling inside a quoted name stays the name in the display.
    const named = table([column("n'?$1 --", 'text')], ["n'?$1 --"])
    const [del] = plan(POSTGRES_EDIT_DIALECT, named, [{ op: 'delete', original: { "n'?$1 --": 'v' } }]).statements
    expect(del!.display).toBe(`DELETE FROM "s"."t" WHERE "n'?$1 --" = 'v'::text`)
    expect(statements[0]!.display).toBe(
      `UPDATE "s"."t" SET "n'?$1 --" = ''::text, "d" = DEFAULT WHERE "i""d\`]" = '9223372036854775807'::bigint AND "n'?$1 --" IS NULL AND "d" = ''::character varying`,
    )
  })

  it('PostgreSQL: bytea as \\x hex, json compared as text, xml left out of the guard, char(n) as bpchar', () => {
    const pg = table(
      [
        column('id', 'integer'),
        column('b', 'bytea'),
        column('j', 'json'),
        column('x', 'xml'),
        column('c', 'character(5)'),
      ],
      ['id'],
    )
    const row = { id: 1, b: { $: 'bytes', v: '00ff', n: 2 }, j: '{"n": 1e400}', x: '<a/>', c: 'ab   ' } as const
    const [del] = plan(POSTGRES_EDIT_DIALECT, pg, [{ op: 'delete', original: row }]).statements
    expect(del!.sql).toBe(
      'DELETE FROM "s"."t" WHERE "id" = $1::integer AND "b" = $2::bytea AND "j"::text = $3::json::text AND "c" = $4::bpchar',
    )
    expect(del!.params).toEqual(['1', '\\x00ff', '{"n": 1e400}', 'ab   '])
    expect(del!.display).toContain(`"b" = E'\\\\x00ff'::bytea`)
  })

  it('MySQL: ? bound as text, integers SIGNED/UNSIGNED, DECIMAL(p,s), UNHEX, JSON; FLOAT out of guards; () VALUES ()', () => {
    const my = table(
      [
        column('id', 'bigint(20) unsigned'),
        column('n', 'decimal(38,10)'),
        column('b', 'varbinary(16)'),
        column('j', 'json'),
        column('f', 'float'),
        column('t', 'varchar(10) COLLATE utf8mb4_bin'),
      ],
      ['id'],
    )
    const row = {
      id: { $: 'int', v: '18446744073709551615' },
      n: '-0.0000000001',
      b: { $: 'bytes', v: '', n: 0 },
      j: '[]',
      f: 0.1,
      t: 'x',
    } as const
    const { statements } = plan(MYSQL_EDIT_DIALECT, my, [
      { op: 'delete', original: row },
      { op: 'update', original: row, set: { f: { value: 1.5 }, t: { value: true } } },
      { op: 'insert', values: {} },
    ])
    expect(statements.map((s) => s.sql)).toEqual([
      'DELETE FROM `s`.`t` WHERE `id` = CAST(? AS UNSIGNED) AND `n` = CAST(? AS DECIMAL(38,10)) AND `b` = UNHEX(?) AND `j` = CAST(? AS JSON) AND `t` = ?',
      // FLOAT's original is no guard (its text is rounded); the other changed column's is.
      'UPDATE `s`.`t` SET `f` = ?, `t` = ? WHERE `id` = CAST(? AS UNSIGNED) AND `t` = ?',
      'INSERT INTO `s`.`t` () VALUES ()',
    ])
    expect(statements[1]!.params).toEqual(['1.5', '1', '18446744073709551615', 'x'])
  })

  it('SQLite: bound as read (INTEGER, REAL, BLOB from hex); no DEFAULT keyword: left out of inserts, the default expression in updates', () => {
    const { statements } = plan(SQLITE_EDIT_DIALECT, schema, [
      ...changes,
      {
        op: 'update',
        original: { 'i"d`]': 5, d: null, "n'?$1 --": null },
        set: { d: { value: 0.1 }, "n'?$1 --": { value: { $: 'bytes', v: '00', n: 1 } } },
      },
      { op: 'update', original: { 'i"d`]': 5, d: null }, set: { d: { value: { $: 'float', v: '-Infinity' } } } },
    ])
    expect(statements.map((s) => s.sql)).toEqual([
      `UPDATE "s"."t" SET "n'?$1 --" = ?, "d" = ('x') WHERE "i""d\`]" = CAST(? AS INTEGER) AND "n'?$1 --" IS NULL AND "d" = ?`,
      `INSERT INTO "s"."t" ("i""d\`]", "n'?$1 --") VALUES (CAST(? AS INTEGER), NULL)`,
      'INSERT INTO "s"."t" DEFAULT VALUES',
      `DELETE FROM "s"."t" WHERE "i""d\`]" = CAST(? AS INTEGER) AND "n'?$1 --" IS NULL AND "d" = ?`,
      `UPDATE "s"."t" SET "d" = CAST(? AS REAL), "n'?$1 --" = unhex(?) WHERE "i""d\`]" = CAST(? AS INTEGER) AND "d" IS NULL AND "n'?$1 --" IS NULL`,
      `UPDATE "s"."t" SET "d" = (CASE ? WHEN 'Infinity' THEN 9e999 WHEN '-Infinity' THEN -9e999 END) WHERE "i""d\`]" = CAST(? AS INTEGER) AND "d" IS NULL`,
    ])
    expect(statements[4]!.params).toEqual(['0.1', '00', '5'])
  })

  it('DuckDB: ? cast to the declared type (HUGEINT, DECIMAL(38,10), TIMESTAMP WITH TIME ZONE), BLOB from hex', () => {
    const duck = table(
      [
        column('id', 'HUGEINT'),
        column('n', 'DECIMAL(38,10)'),
        column('tz', 'TIMESTAMP WITH TIME ZONE'),
        column('b', 'BLOB'),
      ],
      ['id'],
    )
    const row = {
      id: { $: 'int', v: '-170141183460469231731687303715884105727' },
      n: '1.5',
      tz: '2024-01-02 03:04:05.123456+00',
      b: { $: 'bytes', v: 'ff', n: 1 },
    } as const
    const [del] = plan(DUCKDB_EDIT_DIALECT, duck, [{ op: 'delete', original: row }]).statements
    expect(del!.sql).toBe(
      'DELETE FROM "s"."t" WHERE "id" = CAST(? AS HUGEINT) AND "n" = CAST(? AS DECIMAL(38,10)) AND "tz" = CAST(? AS TIMESTAMP WITH TIME ZONE) AND "b" = unhex(?)',
    )
  })

  it('SQL Server: @pN cast to the declared type, strings as sent, binary by CONVERT style 2, bit 1/0; float and text out of guards', () => {
    const ms = table(
      [
        column('id', 'bigint'),
        column('n', 'decimal(38,10)'),
        column('dto', 'datetimeoffset(7)'),
        column('b', 'varbinary(max)'),
        column('s', 'nvarchar(5)'),
        column('f', 'float'),
        column('x', 'ntext'),
        column('bit', 'bit'),
        column('c', 'int AS ([id]*(2))'),
      ],
      ['id'],
    )
    const row = {
      id: 1,
      n: '1.5',
      dto: '2024-01-02 03:04:05.1234567 +05:30',
      b: { $: 'bytes', v: '00ff', n: 2 },
      s: "'",
      f: 0.1,
      x: 'y',
      bit: true,
      c: 2,
    } as const
    const [del, ins] = plan(MSSQL_EDIT_DIALECT, ms, [
      { op: 'delete', original: row },
      { op: 'insert', values: { id: { value: 2 }, bit: { value: false } } },
    ]).statements
    expect(del!.sql).toBe(
      'DELETE FROM [s].[t] WHERE [id] = CAST(@p1 AS bigint) AND [n] = CAST(@p2 AS decimal(38,10)) AND [dto] = CAST(@p3 AS datetimeoffset(7)) AND [b] = CONVERT(varbinary(max), @p4, 2) AND [s] = @p5 AND [bit] = CAST(@p6 AS bit) AND [c] = CAST(@p7 AS int); SELECT @@ROWCOUNT',
    )
    expect(del!.params).toEqual(['1', '1.5', '2024-01-02 03:04:05.1234567 +05:30', '00ff', "'", '1', '2'])
    expect(del!.display).toContain(`[s] = N''''`)
    expect(ins!.sql).toBe(
      'INSERT INTO [s].[t] ([id], [bit]) VALUES (CAST(@p1 AS bigint), CAST(@p2 AS bit)); SELECT @@ROWCOUNT',
    )
    // Each statement reads its own count (SET NOCOUNT ON hides the server's), shown as it runs.
    expect(del!.display).toMatch(/; SELECT @@ROWCOUNT$/)
    expect(del!.current!.sql).not.toContain('@@ROWCOUNT')
  })
})

describe('the transaction around an apply', () => {
  it('BEGIN…COMMIT; left open in manual commit; a savepoint in an open transaction; refused when failed or without savepoints', () => {
    expect(applyPlan(POSTGRES_EDIT_DIALECT, 'idle', false)).toEqual({
      begin: 'BEGIN',
      end: 'COMMIT',
      undo: ['ROLLBACK'],
      commits: true,
    })
    expect(applyPlan(MYSQL_EDIT_DIALECT, 'idle', true)).toEqual({
      begin: 'START TRANSACTION',
      end: '',
      undo: ['ROLLBACK'],
      commits: false,
    })
    expect(applyPlan(SQLITE_EDIT_DIALECT, 'open', false)).toEqual({
      begin: 'SAVEPOINT "quarry_edits"',
      end: 'RELEASE "quarry_edits"',
      undo: ['ROLLBACK TO "quarry_edits"', 'RELEASE "quarry_edits"'],
      commits: false,
    })
    expect(applyPlan(MSSQL_EDIT_DIALECT, 'open', true)).toEqual({
      begin: 'SAVE TRANSACTION quarry_edits',
      end: '',
      undo: ['ROLLBACK TRANSACTION quarry_edits'],
      commits: false,
    })
    expect(() => applyPlan(POSTGRES_EDIT_DIALECT, 'failed', false)).toThrow(/failed.*roll it back/)
    expect(() => applyPlan(DUCKDB_EDIT_DIALECT, 'open', false)).toThrow(/no savepoints/)
  })
})
