import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqliteConnection } from '../../../src/main/drivers/sqlite/sqlite-connection'
import type { ConnectionService } from '../../../src/main/services/connection-service'
import { schemaGraph } from '../../../src/main/services/schema-graph-service'
import type { TestDatabase } from '../../helpers/engine-harness'
import { sqliteHarness } from '../../helpers/sqlite-harness'

/**
 * The ER diagram's catalog statements on SQLite run on the metadata host: a query host would come
 * from the pool, one started (a process, its schema parsed) for each statement sent at once —
 * 190–210 ms of a first diagram's 263 on a 2,000-table file.
 */
describe('sqlite: the ER diagram reads its catalog on the metadata host', () => {
  const harness = sqliteHarness()
  let db: TestDatabase
  let connection: SqliteConnection

  beforeAll(async () => {
    db = await harness.createDatabase('graph_reads', [
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)',
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id))',
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, order_id INTEGER)',
    ])
    connection = (await harness.driver().connect(db.options)) as SqliteConnection
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it("reads a table's neighbourhood without starting a query host", async () => {
    // meta.schemaGraph's service, given this connection as the saved connection "c".
    const connections = {
      driverFor: () => harness.driver(),
      get: async () => connection,
    } as unknown as ConnectionService
    const input = { connectionId: 'c', database: db.name, schema: db.schema }
    const graph = await schemaGraph(connections, { ...input, around: ['orders'] })
    expect(graph.tables.map((t) => t.name).sort()).toEqual(['customers', 'notes', 'orders'])
    expect((await schemaGraph(connections, input)).tables).toHaveLength(3)
    expect((await connection.diagnostics()).map((host) => host.role)).toEqual(['meta'])
  })
})
