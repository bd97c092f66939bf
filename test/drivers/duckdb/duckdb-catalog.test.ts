import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { duckdbHarness, writeDuckdbFile } from '../../helpers/duckdb-harness'
import { failureOf } from '../../helpers/streams'

describe('duckdb: the tree', () => {
  const harness = duckdbHarness()
  let connection: DriverConnection
  let other: string

  beforeAll(async () => {
    const db = await harness.createDatabase('home', [
      'CREATE TABLE t (x INTEGER)',
      'CREATE SCHEMA sales',
      'CREATE TABLE sales.orders AS SELECT range AS id FROM range(5)',
      'CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders WHERE id > 2',
      `CREATE TABLE stock (id INTEGER PRIMARY KEY, sku VARCHAR UNIQUE, qty INTEGER DEFAULT NULL CHECK (qty >= 0),
        note VARCHAR DEFAULT 'NULL', CHECK (qty < 1000))`,
      'CREATE INDEX stock_lower ON stock (lower(sku))',
      'CREATE INDEX stock_qty ON stock (qty)',
    ])
    other = join(await harness.tempDir(), 'archive.duckdb')
    await writeDuckdbFile(other, ['CREATE TABLE old_orders AS SELECT range AS id FROM range(3)'])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('shows databases, schemas, tables and views', async () => {
    expect((await connection.databases()).map((d) => d.name)).toEqual(['home'])
    expect((await connection.schemas('home')).map((s) => s.name)).toEqual(['main', 'sales'])
    expect(await connection.tables('home', 'sales')).toEqual([
      { schema: 'sales', name: 'big_orders', kind: 'view', rowCount: null, rowCountExact: false },
      { schema: 'sales', name: 'orders', kind: 'table', rowCount: 5, rowCountExact: false },
    ])
  })

  it('names index kinds (ART), lists CHECK constraints, and reports DEFAULT NULL as no default', async () => {
    const stock = await connection.tableSchema('home', 'main', 'stock')
    expect(stock.indexes.map((i) => [i.name, i.method, i.primary, i.unique, i.expressions])).toEqual([
      [expect.stringMatching(/pkey|primary/i), 'ART', true, true, false],
      [expect.any(String), 'ART', false, true, false],
      ['stock_lower', 'ART', false, false, true],
      ['stock_qty', 'ART', false, false, false],
    ])
    expect(stock.checks.map((c) => c.expression)).toEqual(['(qty >= 0)', '(qty < 1000)'])
    expect(stock.columns.find((c) => c.name === 'qty')?.defaultValue).toBeNull()
    expect(stock.columns.find((c) => c.name === 'note')?.defaultValue).toBe("'NULL'")
  })

  it('shows databases attached later, and queries them by name', async () => {
    await connection.execute(`ATTACH '${other.replaceAll("'", "''")}' AS archive (READ_ONLY)`)
    const databases = await connection.databases()
    expect(databases.map((d) => d.name)).toEqual(['home', 'archive'])
    expect(databases[1]?.sizeBytes).toBeGreaterThan(0)
    expect((await connection.tables('archive', 'main')).map((t) => t.name)).toEqual(['old_orders'])
    const schema = await connection.tableSchema('archive', 'main', 'old_orders')
    expect(schema.columns.map((c) => [c.name, c.dataType])).toEqual([['id', 'BIGINT']])
    // A script run in another database sees its tables unqualified.
    expect((await connection.execute('SELECT count(*) FROM old_orders', { database: 'archive' })).rows).toEqual([[3]])
    await failureOf(connection.execute('SELECT 1', { database: 'nowhere' }), 'not-found')
    await connection.execute('DETACH archive')
    expect((await connection.databases()).map((d) => d.name)).toEqual(['home'])
  })
})

describe('duckdb: opening a data file', () => {
  const harness = duckdbHarness()
  let dir: string

  beforeAll(async () => {
    dir = await harness.tempDir()
    await writeFile(join(dir, 'people.csv'), 'id,name,score\n1,Ada,9.5\n2,Alan,8.25\n3,"Grace, Hopper",10\n')
    await writeFile(join(dir, 'events.json'), '[{"id": 1, "kind": "open"}, {"id": 2, "kind": "close"}]')
    await writeDuckdbFile(join(dir, 'scratch.duckdb'), [
      `COPY (SELECT range AS n, range * 2 AS twice FROM range(1000)) TO '${join(dir, 'numbers.parquet')}' (FORMAT parquet)`,
    ])
  })
  afterAll(() => harness.cleanup())

  const open = (file: string) => harness.driver().connect({ engine: 'duckdb', file: join(dir, file) })

  it.each([
    ['people.csv', 'people', 3, ['id', 'name', 'score']],
    ['numbers.parquet', 'numbers', 1000, ['n', 'twice']],
    ['events.json', 'events', 2, ['id', 'kind']],
  ])('shows %s as a table named after it, queryable at once', async (file, view, rows, columns) => {
    const connection = await open(file)
    try {
      const [database] = await connection.databases()
      const tables = await connection.tables(database!.name, 'main')
      expect(tables.map((t) => [t.name, t.kind])).toEqual([[view, 'view']])
      const schema = await connection.tableSchema(database!.name, 'main', view)
      expect(schema.columns.map((c) => c.name)).toEqual(columns)
      expect((await connection.execute(`SELECT count(*) FROM ${view}`)).rows).toEqual([[rows]])
    } finally {
      await connection.close()
    }
  })

  it('reads CSV values with their detected types', async () => {
    const connection = await open('people.csv')
    try {
      const result = await connection.execute('SELECT name, score FROM people ORDER BY id')
      expect(result.rows).toEqual([
        ['Ada', 9.5],
        ['Alan', 8.25],
        ['Grace, Hopper', 10],
      ])
    } finally {
      await connection.close()
    }
  })

  it('fails with a connection error for a data file that is not there', async () => {
    await failureOf(open('missing.csv'), 'connection')
  })
})

describe('duckdb: in-memory databases', () => {
  const harness = duckdbHarness()

  it('opens :memory:, where a script can create and read tables', async () => {
    const connection = await harness.driver().connect({ engine: 'duckdb', file: ':memory:' })
    try {
      await connection.execute('CREATE TABLE m AS SELECT 1 AS one')
      expect((await connection.databases()).map((d) => [d.name, d.sizeBytes])).toEqual([['memory', null]])
      expect((await connection.tables('memory', 'main')).map((t) => t.name)).toEqual(['m'])
    } finally {
      await connection.close()
    }
  })
})
