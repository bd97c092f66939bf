import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import type { TableSchema } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'

const column = (schema: TableSchema, name: string) => schema.columns.find((c) => c.name === name)
const index = (schema: TableSchema, name: string) => schema.indexes.find((i) => i.name === name)

/** What Structure shows beyond columns and keys: index kinds, ON UPDATE, CHECK constraints, views. */
describeMysql('mysql: structure', (harness) => {
  let db: TestDatabase
  let connection: DriverConnection
  const tableSchema = (table: string) => connection.tableSchema(harness.serverName, db.schema, table)

  beforeAll(async () => {
    db = await harness.createDatabase('structure', [
      `CREATE TABLE events (
        id INT PRIMARY KEY,
        stamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        touched DATETIME(3) DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(3),
        note TEXT,
        spot POINT NOT NULL,
        qty INT DEFAULT NULL CHECK (qty >= 0),
        CONSTRAINT qty_small CHECK (qty < 1000),
        FULLTEXT KEY note_words (note),
        SPATIAL KEY spot_area (spot),
        KEY qty_tree (qty)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`,
      'CREATE TABLE lookups (k INT, KEY k_hash (k) USING HASH) ENGINE=MEMORY',
      'CREATE VIEW event_notes AS SELECT id, note FROM events',
    ])
    connection = await harness.driver().connect(harness.options())
  }, 120_000)
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('names each index kind: BTREE, FULLTEXT, SPATIAL, HASH', async () => {
    const events = await tableSchema('events')
    expect(index(events, 'PRIMARY')?.method).toBe('BTREE')
    expect(index(events, 'note_words')?.method).toBe('FULLTEXT')
    expect(index(events, 'spot_area')?.method).toBe('SPATIAL')
    expect(index(events, 'qty_tree')).toMatchObject({ method: 'BTREE', expressions: false })
    expect(index(await tableSchema('lookups'), 'k_hash')?.method).toBe('HASH')
  })

  it('reports ON UPDATE apart from the default, and DEFAULT NULL as no default', async () => {
    const events = await tableSchema('events')
    expect(column(events, 'stamp')?.defaultValue).toMatch(/^current_timestamp(\(\))?$/i)
    expect(column(events, 'stamp')?.onUpdate).toMatch(/^current_timestamp(\(\))?$/i)
    expect(column(events, 'touched')).toMatchObject({ defaultValue: null, onUpdate: expect.stringMatching(/\(3\)$/) })
    expect(column(events, 'qty')).toMatchObject({ defaultValue: null, nullable: true })
    expect(column(events, 'qty')).not.toHaveProperty('onUpdate')
  })

  it('lists CHECK constraints, column and table ones, with their names', async () => {
    const checks = (await tableSchema('events')).checks
    expect(checks).toContainEqual({ name: 'qty_small', expression: '(`qty` < 1000)' })
    expect(checks.find((c) => c.expression === '(`qty` >= 0)')).toBeTruthy()
    expect(await tableSchema('lookups')).toMatchObject({ checks: [] })
  })

  it('gives view columns no COLLATE (a view has no collation of its own)', async () => {
    const view = await tableSchema('event_notes')
    expect(view.kind).toBe('view')
    expect(column(view, 'note')?.dataType).toBe('text')
    expect(view.checks).toEqual([])
  })
})
