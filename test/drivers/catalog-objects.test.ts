import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { EngineId } from '../../src/shared/contract'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { duckdbHarness } from '../helpers/duckdb-harness'
import { mariadbHarnesses } from '../helpers/mariadb-harness'
import { mssqlEngines } from '../helpers/mssql-harness'
import { postgresEngines } from '../helpers/postgres-harness'
import { sqliteHarness } from '../helpers/sqlite-harness'

/** Each engine's objects (the tree's Functions, Procedures, Sequences, Triggers) and what its catalog statement must list. */
const CASES: Partial<Record<EngineId, { statements: string[]; expected: string[] }>> = {
  sqlite: {
    statements: [
      'CREATE TABLE t (id INTEGER PRIMARY KEY)',
      'CREATE TRIGGER t_guard BEFORE DELETE ON t BEGIN SELECT 1; END',
    ],
    expected: ['trigger t_guard on t'],
  },
  postgres: {
    statements: [
      'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)',
      "CREATE FUNCTION add_one(a integer, b text) RETURNS integer LANGUAGE sql AS 'SELECT a + 1'",
      "CREATE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1'",
      "CREATE FUNCTION t_trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
      'CREATE TRIGGER t_guard BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_trg()',
    ],
    expected: [
      'function add_one (a integer, b text)',
      'function t_trg ()',
      'procedure noop ()',
      'sequence t_id_seq',
      'trigger t_guard on t',
    ],
  },
  mysql: {
    statements: [
      'CREATE TABLE t (id INT PRIMARY KEY)',
      'CREATE FUNCTION add_one(a INT) RETURNS INT DETERMINISTIC RETURN a + 1',
      'CREATE PROCEDURE noop() SELECT 1',
      'CREATE SEQUENCE s',
      'CREATE TRIGGER t_guard BEFORE INSERT ON t FOR EACH ROW SET NEW.id = NEW.id',
    ],
    expected: ['function add_one', 'procedure noop', 'sequence s', 'trigger t_guard before insert on t'],
  },
  // Runs with QUARRY_TEST_MSSQL_URL (the setup prints why it does not otherwise).
  mssql: {
    statements: [
      'CREATE TABLE t (id INT PRIMARY KEY)',
      'CREATE FUNCTION dbo.add_one(@a INT, @b NVARCHAR(10)) RETURNS INT AS BEGIN RETURN @a + 1 END',
      'CREATE FUNCTION dbo.rows_of(@n INT) RETURNS TABLE AS RETURN SELECT id FROM dbo.t WHERE id < @n',
      'CREATE PROCEDURE dbo.noop AS SELECT 1',
      'CREATE SEQUENCE dbo.s AS BIGINT',
      'CREATE TRIGGER dbo.t_guard ON dbo.t AFTER INSERT, UPDATE AS SET NOCOUNT ON',
    ],
    expected: [
      'function add_one (@a int, @b nvarchar)',
      'function rows_of (@n int)',
      'procedure noop ()',
      'sequence s',
      'trigger t_guard after insert, update on t',
    ],
  },
  // Macros are DuckDB's user functions (a system function is never listed); it has no procedures or triggers.
  duckdb: {
    statements: [
      'CREATE TABLE t (id INTEGER PRIMARY KEY)',
      'CREATE MACRO add_one(a, b) AS a + 1',
      'CREATE MACRO rows_below(n) AS TABLE SELECT id FROM t WHERE id < n',
      'CREATE SEQUENCE s START 10',
      'CREATE SCHEMA other',
      'CREATE SEQUENCE other.not_here',
    ],
    expected: ['function add_one (a, b)', 'function rows_below (n)', 'sequence s'],
  },
}

const harnesses: (() => EngineHarness)[] = [
  sqliteHarness,
  ...postgresEngines(),
  ...mariadbHarnesses(),
  ...mssqlEngines(),
  duckdbHarness,
]

describe.each(harnesses.map((make) => [make().engine, make] as const))('%s: schema objects', (engine, make) => {
  const harness = make()
  const objects = CASES[engine]!
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('objects', objects.statements)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('lists the routines, sequences and triggers of a schema, its name bound as a parameter', async () => {
    const query = harness.driver().objectsQuery?.(db.schema)
    if (!query) throw new Error('no objects query')
    const result = await connection.execute(query.sql, { database: db.name, params: query.params })
    expect(result.rows.map(([kind, name, detail]) => [kind, name, detail].filter((v) => v !== null).join(' '))).toEqual(
      objects.expected,
    )
  })

  // SQLite's schema is an attached database's name: an unknown one is an error, not an empty list.
  if (engine !== 'sqlite') {
    it('lists nothing for a schema that has none of them', async () => {
      const query = harness.driver().objectsQuery!('no_such_schema')
      const result = await connection.execute(query.sql, { database: db.name, params: query.params })
      expect(result.rows).toEqual([])
    })
  }
})
