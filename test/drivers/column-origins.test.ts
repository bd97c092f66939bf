import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { engineOf } from '../../src/shared/engines/engine-list'
import { resultEditTarget, resultTable, tableKey } from '../../src/shared/dialect/result-edit-target'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

const sqlEngines = engines.filter((make) => engineOf(make().engine).lexical !== null)

const FIXTURE = [
  'CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20), qty INTEGER)',
  'CREATE TABLE tags (item_id INTEGER, tag VARCHAR(20))',
  "INSERT INTO items (id, name, qty) VALUES (1, 'a', 2)",
  "INSERT INTO tags (item_id, tag) VALUES (1, 'x')",
  'CREATE VIEW items_v AS SELECT id, name, qty * 2 AS dbl FROM items',
]

/** Milliseconds from starting a run to its columns, and the columns. */
async function timeToColumns(connection: DriverConnection, sql: string) {
  const started = performance.now()
  for await (const item of connection.stream(sql, { batchSize: 100 })) {
    if (item.kind === 'columns' && item.columns.length > 0) {
      const ms = performance.now() - started
      return { ms, columns: item.columns }
    }
  }
  throw new Error('no columns')
}

/**
 * Result column origins on every SQL engine: filled where the descriptor says the engine reports
 * them (PostgreSQL, MySQL/MariaDB, SQLite), absent elsewhere; and a result of one table with its
 * key is an edit target, end to end with the table's structure from the introspector.
 */
describe.each(sqlEngines.map((make) => [make().engine, make] as const))('%s: result column origins', (engine, make) => {
  const harness = make()
  const reports = engineOf(engine).capabilities.resultColumnOrigins
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('origins', FIXTURE)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  const columnsOf = async (sql: string) => (await collect(connection.stream(sql, { batchSize: 100 }))).columns

  it('names the table column of each plain column, none for expressions', async () => {
    const columns = await columnsOf('SELECT id, name AS label, qty + 1 AS more FROM items')
    if (!reports) {
      console.log(`[${engine}] result column origins: NOT reported by this engine (descriptor says so)`)
      expect(columns.every((c) => c.origin === undefined)).toBe(true)
      return
    }
    expect(columns.map((c) => [c.name, c.origin ?? null])).toEqual([
      ['id', { schema: db.schema, table: 'items', column: 'id' }],
      ['label', { schema: db.schema, table: 'items', column: 'name' }],
      ['more', null],
    ])
  })

  it.runIf(reports)(
    'makes a result of one table with its key an edit target, and says why others are not',
    async () => {
      const structure = await connection.tableSchema(db.name, db.schema, 'items')
      const key = tableKey(structure)
      const editable = resultTable(await columnsOf('SELECT name AS label, id FROM items WHERE qty > 0'))
      expect(editable.editable && resultEditTarget(editable, key)).toMatchObject({
        editable: true,
        target: { schema: db.schema, table: 'items' },
        columns: [{ column: 'name' }, { column: 'id' }],
        key: { columns: ['id'], source: 'primary-key' },
        keyIndexes: [1],
      })
      const withoutKey = resultTable(await columnsOf('SELECT name FROM items'))
      expect(withoutKey.editable && resultEditTarget(withoutKey, key)).toMatchObject({ reason: 'key-not-in-result' })
      const joined = await columnsOf('SELECT i.id, t.tag FROM items i JOIN tags t ON t.item_id = i.id')
      expect(resultTable(joined)).toMatchObject({ editable: false, reason: 'several-tables' })
      expect(resultTable(await columnsOf('SELECT 1 AS one, COUNT(*) AS n FROM items'))).toMatchObject({
        reason: 'no-origin',
      })
    },
  )

  it.runIf(reports)('never names a table column for rows that may come from elsewhere or be computed', async () => {
    // A compound SELECT: SQLite would name the first part's table for the rows of every part.
    const union = await columnsOf('SELECT id, name FROM items UNION ALL SELECT item_id, tag FROM tags')
    expect(union.map((c) => c.origin ?? null)).toEqual([null, null])
    // An expression inside a derived table (MariaDB names the derived table, without a schema).
    const derived = await columnsOf('SELECT * FROM (SELECT id, qty + 1 AS qty FROM items) d')
    expect(derived[1]!.origin).toBeUndefined()
    // A view: SQLite names the base table's column (none for the computed one); MariaDB the view's
    // plain columns, PostgreSQL all the view's columns. A view has no key: refused with that reason.
    const view = await columnsOf('SELECT id, dbl FROM items_v')
    expect(view[1]!.origin?.table ?? 'none').toBe(engine === 'postgres' ? 'items_v' : 'none')
    const viewTable = resultTable(view)
    expect(viewTable.editable).toBe(true)
    if (!viewTable.editable || viewTable.target.table !== 'items_v') return
    const key = tableKey(await connection.tableSchema(db.name, db.schema, 'items_v'))
    expect(resultEditTarget(viewTable, key)).toMatchObject({ editable: false, reason: 'no-key' })
  })

  it.runIf(reports)('costs one catalog lookup per new result at most, none once known', async () => {
    // A column never seen: the first run may look it up; the next ones find it cached.
    const sql = 'SELECT qty, id FROM items'
    const first = await timeToColumns(connection, sql)
    const again: number[] = []
    for (let i = 0; i < 20; i++) again.push((await timeToColumns(connection, sql)).ms)
    again.sort((a, b) => a - b)
    const control: number[] = []
    for (let i = 0; i < 20; i++) control.push((await timeToColumns(connection, 'SELECT 1 AS one')).ms)
    control.sort((a, b) => a - b)
    console.log(
      `[${engine}] time to columns: first ${first.ms.toFixed(2)} ms, cached median ${again[10]!.toFixed(2)} ms, ` +
        `no table column (no lookup) median ${control[10]!.toFixed(2)} ms`,
    )
    expect(first.columns.map((c) => c.origin?.column)).toEqual(['qty', 'id'])
  })

  it.runIf(reports)('names a column renamed by this connection by its new name', async () => {
    expect((await columnsOf('SELECT qty FROM items'))[0]!.origin?.column).toBe('qty')
    await collect(connection.stream('ALTER TABLE items RENAME COLUMN qty TO amount', { batchSize: 10 }))
    expect((await columnsOf('SELECT amount FROM items'))[0]!.origin?.column).toBe('amount')
  })
})
