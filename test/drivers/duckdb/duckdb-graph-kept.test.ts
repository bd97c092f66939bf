import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection, SessionHandle } from '../../../src/main/drivers/driver'
import type { DuckdbConnection } from '../../../src/main/drivers/duckdb/duckdb-connection'
import { duckdbGraphQueries } from '../../../src/main/drivers/duckdb/duckdb-graph-sql'
import { readWholeGraph } from '../../../src/main/services/schema-graph-around'
import { SchemaGraphCache } from '../../../src/main/services/schema-graph-cache'
import type { BuiltTableQuery } from '../../../src/shared/contract'
import { duckdbHarness } from '../../helpers/duckdb-harness'
import { collect } from '../../helpers/streams'

/**
 * The ER diagram's graph (issue 17) and tables' structures kept per DuckDB connection: kept while no
 * statement that may change the catalog ran in any session of the host, read again after one did —
 * committed or not.
 */
describe('duckdb: the schema graph is kept until the catalog may have changed', () => {
  const harness = duckdbHarness()
  let connection: DriverConnection
  let tab: SessionHandle
  const cache = new SchemaGraphCache()
  let reads = 0

  const on = async (sql: string) => collect(connection.stream(sql, { batchSize: 100, session: tab.held }))
  const graph = () =>
    cache.whole(connection, 'shop', 'main', () => {
      reads++
      const run = async (q: BuiltTableQuery) => (await connection.execute(q.sql, { params: q.params })).rows
      return readWholeGraph(run, duckdbGraphQueries('shop', 'main'), 'main')
    })
  const names = async () => (await graph()).tables.map((t) => t.name)
  /** Reads the graph and says whether it was read from the catalog (not kept). */
  const readAgain = async () => {
    const before = reads
    await graph()
    return reads > before
  }

  beforeAll(async () => {
    const db = await harness.createDatabase('shop', [
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR)',
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id))',
    ])
    connection = await harness.driver().connect(db.options)
    tab = await connection.openSession!('shop')
  })
  afterAll(async () => {
    await tab?.close()
    await connection?.close()
    await harness.cleanup()
  })

  it('reads once, then keeps it across reads of rows and of the tree', async () => {
    expect(await names()).toEqual(['customers', 'orders'])
    expect(await readAgain()).toBe(false)
    await on('SELECT * FROM orders')
    await connection.tables('shop', 'main')
    await connection.execute('SELECT 1')
    expect(await readAgain()).toBe(false)
  })

  it('reads again after a CREATE TABLE in a tab, and shows its key', async () => {
    await on('CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id))')
    const after = await graph()
    expect(after.tables.map((t) => t.name)).toEqual(['customers', 'items', 'orders'])
    expect(after.foreignKeys.map((k) => `${k.table}->${k.refTable}`).sort()).toEqual([
      'items->orders',
      'orders->customers',
    ])
  })

  it('inside a transaction: the uncommitted table is not shown, and COMMIT makes it read again', async () => {
    await on('BEGIN')
    await on('CREATE TABLE notes (id INTEGER)')
    // The catalog's own connection does not see the tab's uncommitted table.
    expect(await names()).toEqual(['customers', 'items', 'orders'])
    expect(await readAgain()).toBe(false)
    await on('COMMIT')
    expect(await names()).toEqual(['customers', 'items', 'notes', 'orders'])
  })

  it('a ROLLBACK, an ALTER, a DROP, a CALL and an EXPLAIN ANALYZE each make it read again', async () => {
    const statements = [
      'BEGIN',
      'ROLLBACK',
      'ALTER TABLE notes ADD COLUMN body VARCHAR',
      'CALL pragma_version()',
      'EXPLAIN ANALYZE CREATE TABLE explained AS SELECT 1 AS x',
    ]
    for (const sql of statements) {
      await graph()
      await on(sql)
      expect(await readAgain(), sql).toBe(true)
    }
    await on('DROP TABLE notes')
    await on('DROP TABLE explained')
    expect(await names()).toEqual(['customers', 'items', 'orders'])
  })

  it("keeps a table's structure until the catalog may have changed, and answers the new one after", async () => {
    const kept = async () => (await (connection as DuckdbConnection).diagnostics()).stats.structuresKept
    const columns = async () => (await connection.tableSchema('shop', 'main', 'customers')).columns.map((c) => c.name)
    expect(await columns()).toEqual(['id', 'name'])
    const hits = await kept()
    await on('SELECT count(*) FROM customers')
    expect(await columns()).toEqual(['id', 'name'])
    expect(await kept()).toBe(hits + 1)
    await on('ALTER TABLE customers ADD COLUMN email VARCHAR')
    expect(await columns()).toEqual(['id', 'name', 'email'])
    expect(await kept()).toBe(hits + 1)
    await expect(connection.tableSchema('shop', 'main', 'no_such_table')).rejects.toThrow(/does not exist/)
  })

  it('a failed DDL still counts (it may have run in part), and a new host starts a new count', async () => {
    await graph()
    await expect(on('CREATE TABLE orders (id INTEGER)')).rejects.toThrow(/already exists/)
    expect(await readAgain()).toBe(true)
    const epoch = await connection.catalogEpoch!('shop')
    const { pid } = await (connection as DuckdbConnection).diagnostics()
    process.kill(pid!, 'SIGKILL')
    await expect
      .poll(async () => connection.catalogEpoch!('shop').catch(() => 'dead'), { timeout: 10_000 })
      .not.toMatch(new RegExp(`^(dead|${epoch})$`))
  })

  it('says nothing for a database it does not know', async () => {
    expect(await connection.catalogEpoch!('no_such_database')).toBeNull()
  })
})
