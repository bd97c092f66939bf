import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { TestDatabase } from '../../helpers/engine-harness'
import { sqliteHarness } from '../../helpers/sqlite-harness'
import { failureOf } from '../../helpers/streams'

/** SQLite-only catalog behaviour the cross-engine tests cannot express. */
describe('sqlite: catalog specifics', () => {
  const harness = sqliteHarness()
  let db: TestDatabase
  let connection: DriverConnection
  const tableSchema = (table: string) => connection.tableSchema(db.name, 'main', table)

  beforeAll(async () => {
    db = await harness.createDatabase('specifics', [
      'CREATE TABLE analyzed (id INTEGER PRIMARY KEY, v TEXT)',
      'CREATE INDEX analyzed_v ON analyzed (v)',
      "INSERT INTO analyzed (v) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT 'v' || i FROM n",
      'ANALYZE',
      // Rows added after ANALYZE: the estimate keeps the old count.
      "INSERT INTO analyzed (v) VALUES ('late')",
      'CREATE TABLE "odd ""name""" ("a b" INT PRIMARY KEY, "c""d" TEXT UNIQUE)',
      'CREATE TABLE desc_key (id INTEGER PRIMARY KEY DESC, v)',
      'CREATE TABLE keyed (k TEXT PRIMARY KEY, n INT) WITHOUT ROWID',
      'CREATE TABLE generated (a INT, b INT GENERATED ALWAYS AS (a * 2) VIRTUAL)',
      'CREATE VIRTUAL TABLE docs USING fts5(body)',
      `CREATE TABLE stock (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, qty INT DEFAULT NULL CHECK (qty >= 0),
        note TEXT DEFAULT 'NULL', CONSTRAINT qty_small CHECK (qty < 1000))`,
      'CREATE INDEX stock_lower ON stock (lower(sku))',
      'CREATE INDEX stock_live ON stock (qty) WHERE qty > 0',
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('names the database after the file and lists main only', async () => {
    expect(await connection.databases()).toEqual([{ name: 'specifics', sizeBytes: expect.any(Number) }])
    expect(await connection.schemas('specifics')).toEqual([{ name: 'main', isSystem: false }])
  })

  it('uses sqlite_stat1 estimates when ANALYZE ran, exact counts otherwise', async () => {
    const tables = new Map((await connection.tables(db.name, 'main')).map((t) => [t.name, t]))
    expect(tables.get('analyzed')).toMatchObject({ rowCount: 50, rowCountExact: false })
    expect(tables.get('keyed')).toMatchObject({ rowCount: 0, rowCountExact: true })
    expect(tables.get('docs')).toMatchObject({ kind: 'virtual-table', rowCount: null })
    // FTS5 shadow tables and sqlite_stat1 are internals.
    expect([...tables.keys()].filter((name) => name.startsWith('docs_') || name.startsWith('sqlite_'))).toEqual([])
  })

  it('handles names that need quoting', async () => {
    const odd = await tableSchema('odd "name"')
    expect(odd.columns.map((c) => [c.name, c.primaryKeyPosition, c.unique])).toEqual([
      ['a b', 1, false],
      ['c"d', null, true],
    ])
    expect((await connection.tables(db.name, 'main')).find((t) => t.name === 'odd "name"')?.rowCount).toBe(0)
  })

  it('reports rowid aliases as auto-increment, and nothing else', async () => {
    expect((await tableSchema('analyzed')).columns[0]).toMatchObject({ autoIncrement: true, nullable: false })
    // INTEGER PRIMARY KEY DESC is famously not a rowid alias: it gets its own index.
    const descKey = await tableSchema('desc_key')
    expect(descKey.columns[0]).toMatchObject({ autoIncrement: false, primaryKeyPosition: 1 })
    expect(descKey.indexes).toEqual([expect.objectContaining({ primary: true, columns: ['id'] })])
    const keyed = await tableSchema('keyed')
    expect(keyed.columns[0]).toMatchObject({ autoIncrement: false, nullable: false })
    expect(keyed.columns[1]).toMatchObject({ nullable: true })
  })

  it('lists generated columns and virtual tables', async () => {
    expect((await tableSchema('generated')).columns.map((c) => c.name)).toEqual(['a', 'b'])
    const docs = await tableSchema('docs')
    expect(docs).toMatchObject({ kind: 'virtual-table', primaryKey: [] })
    expect(docs.definition).toMatch(/USING fts5/i)
  })

  it('lists CHECK constraints from the DDL, index kinds, and DEFAULT NULL as no default', async () => {
    const stock = await tableSchema('stock')
    expect(stock.checks).toEqual([
      { name: null, expression: '(qty >= 0)' },
      { name: 'qty_small', expression: '(qty < 1000)' },
    ])
    expect(stock.columns.find((c) => c.name === 'qty')?.defaultValue).toBeNull()
    // The string 'NULL' is a default, not NULL.
    expect(stock.columns.find((c) => c.name === 'note')?.defaultValue).toBe("'NULL'")
    const kinds = Object.fromEntries(
      stock.indexes.map((i) => [i.name, [i.method, i.unique, i.predicate, i.expressions]]),
    )
    expect(kinds).toEqual({
      stock_live: [null, false, 'qty > 0', false],
      stock_lower: [null, false, null, true],
      sqlite_autoindex_stock_1: [null, true, null, false],
    })
    expect((await tableSchema('generated')).checks).toEqual([])
  })

  it('maps errors to kinds and keeps SQLite codes', async () => {
    const missing = await failureOf(connection.execute('SELECT * FROM nope'), 'syntax')
    expect(missing).toMatchObject({ code: 'SQLITE_ERROR', engine: 'sqlite' })
    expect(missing.message).toMatch(/no such table/)
    const duplicate = await failureOf(
      connection.execute("INSERT INTO keyed VALUES ('a', 1), ('a', 2)"),
      'invalid-input',
    )
    expect(duplicate.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY')
    const expression = await connection.execute('SELECT 1 + 1 AS two')
    expect(expression.columns).toEqual([{ name: 'two', type: null }])
  })

  it('refuses writes on a read-only connection with a permission error', async () => {
    const readOnly = await harness.driver().connect({ ...db.options, readOnly: true })
    try {
      const error = await failureOf(readOnly.execute('DELETE FROM analyzed'), 'permission')
      expect(error.code).toBe('SQLITE_READONLY')
      expect((await readOnly.execute('SELECT count(*) FROM analyzed')).rows).toEqual([[51]])
    } finally {
      await readOnly.close()
    }
  })

  it('creates a missing file for a read-write connection, never for a read-only one', async () => {
    const file = join(await harness.tempDir(), 'created.db')
    const created = await harness.driver().connect({ engine: 'sqlite', file })
    await created.execute('CREATE TABLE t (x)')
    expect((await created.execute('SELECT count(*) FROM t')).rows).toEqual([[0]])
    await created.close()
    expect(existsSync(file)).toBe(true)
    const error = await failureOf(
      harness.driver().connect({ engine: 'sqlite', file: `${file}.missing`, readOnly: true }),
      'connection',
    )
    expect(error).toMatchObject({ code: 'SQLITE_CANTOPEN' })
    expect(existsSync(`${file}.missing`)).toBe(false)
  })
})
