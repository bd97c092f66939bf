import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { buildSchemaGraph } from '../../src/main/services/schema-graph-rows'
import type { EngineId, SchemaGraph } from '../../src/shared/contract'
import { duckdbHarness } from '../helpers/duckdb-harness'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { mariadbHarnesses } from '../helpers/mariadb-harness'
import { mssqlEngines, mssqlHarness, mssqlUrl } from '../helpers/mssql-harness'
import { postgresEngines } from '../helpers/postgres-harness'
import { sqliteHarness } from '../helpers/sqlite-harness'

/** A customers ← orders ← order_lines schema (composite key, nullable key, implicit reference) per engine. */
const STATEMENTS: Partial<Record<EngineId, string[]>> = {
  sqlite: [
    'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)',
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, note TEXT)',
    'CREATE TABLE order_lines (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL, PRIMARY KEY (order_id, line))',
  ],
  postgres: [
    'CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL)',
    'CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer CONSTRAINT orders_customer_fk REFERENCES customers, note text)',
    'CREATE TABLE order_lines (order_id integer NOT NULL CONSTRAINT order_lines_order_fk REFERENCES orders(id), line integer NOT NULL, PRIMARY KEY (order_id, line))',
  ],
  mysql: [
    'CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL)',
    'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, note TEXT, CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id))',
    'CREATE TABLE order_lines (order_id INT NOT NULL, line INT NOT NULL, PRIMARY KEY (order_id, line), CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders(id))',
  ],
  mssql: [
    'CREATE TABLE customers (id int PRIMARY KEY, name nvarchar(100) NOT NULL)',
    'CREATE TABLE orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer_fk REFERENCES customers(id), note nvarchar(max))',
    'CREATE TABLE order_lines (order_id int NOT NULL CONSTRAINT order_lines_order_fk REFERENCES orders(id), line int NOT NULL, PRIMARY KEY (order_id, line))',
  ],
  duckdb: [
    'CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)',
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), note VARCHAR)',
    'CREATE TABLE order_lines (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL, PRIMARY KEY (order_id, line))',
  ],
}

const harnesses: (() => EngineHarness)[] = [
  sqliteHarness,
  ...postgresEngines(),
  ...mariadbHarnesses(),
  ...mssqlEngines(),
  duckdbHarness,
]

/** The graph in a few comparable words, sorted (engines list tables and keys in their own order). */
function summary(graph: SchemaGraph): { tables: string[]; keys: string[] } {
  return {
    tables: graph.tables
      .map(
        (t) =>
          `${t.name}(${t.columns.map((c) => `${c.name}${c.pk ? `#${c.pk}` : ''}${c.nullable ? '?' : ''}`).join(',')})`,
      )
      .sort(),
    keys: graph.foreignKeys
      .map((k) => `${k.table}.${k.columns.join('+')} -> ${k.refTable}.${k.refColumns.join('+')}`)
      .sort(),
  }
}

describe.each(harnesses.map((make) => [make().engine, make] as const))('%s: schema graph', (engine, make) => {
  const harness = make()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('graph', STATEMENTS[engine]!)
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('reads every table, column, key mark and foreign key of the schema in two statements', async () => {
    const queries = harness.driver().schemaGraphQueries?.(db.name, db.schema)
    if (!queries) throw new Error('no schema graph queries')
    const run = (q: typeof queries.columns) => connection.execute(q.sql, { database: db.name, params: q.params })
    const graph = buildSchemaGraph(db.schema, (await run(queries.columns)).rows, (await run(queries.foreignKeys)).rows)
    expect(summary(graph)).toEqual({
      tables: ['customers(id#1,name)', 'order_lines(order_id#1,line#2)', 'orders(id#1,customer_id?,note?)'],
      keys: ['order_lines.order_id -> orders.id', 'orders.customer_id -> customers.id'],
    })
    expect(graph.tables.find((t) => t.name === 'customers')?.columns[0]?.type.toLowerCase()).toMatch(/int/)
    expect(graph.foreignKeys.every((k) => k.name !== '' && k.refSchema !== '')).toBe(true)
  })

  it('where the connection reads its catalog itself, the same rows as execute, and only reads', async (context) => {
    if (!connection.catalogRows) {
      console.log(`[${engine}] catalog statements run through execute (no catalog connection of its own)`)
      context.skip()
    }
    const queries = harness.driver().schemaGraphQueries!(db.name, db.schema)
    for (const query of [queries.columns, queries.foreignKeys]) {
      const executed = (await connection.execute(query.sql, { database: db.name, params: query.params })).rows
      expect(await connection.catalogRows!(db.name, query)).toEqual(executed)
    }
    const write = { sql: 'CREATE TABLE sneaked (x INTEGER)', params: [] }
    await expect(connection.catalogRows!(db.name, write)).rejects.toThrow(/only read/)
    expect((await connection.tables(db.name, db.schema)).map((t) => t.name)).not.toContain('sneaked')
  })
})

// SQL Server only: a composite foreign key declared in another order than the child's columns
// (its pairs must come in key order), and the type text of sized types.
describe.runIf(mssqlUrl())('mssql: schema graph of composite keys (server)', () => {
  const harness = mssqlHarness()
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('graph_composite', [
      'CREATE TABLE lines (order_id int NOT NULL, line smallint NOT NULL, price decimal(10,2), PRIMARY KEY (order_id, line))',
      'CREATE TABLE shipments (id bigint PRIMARY KEY, line_no smallint NOT NULL, order_ref int NOT NULL, ' +
        'CONSTRAINT shipments_line_fk FOREIGN KEY (order_ref, line_no) REFERENCES lines (order_id, line))',
    ])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('lists the composite key column to column in key order, with sized type text', async () => {
    const queries = harness.driver().schemaGraphQueries!(db.name, db.schema)
    const run = (q: typeof queries.columns) => connection.execute(q.sql, { database: db.name, params: q.params })
    const graph = buildSchemaGraph(db.schema, (await run(queries.columns)).rows, (await run(queries.foreignKeys)).rows)
    expect(graph.foreignKeys).toEqual([
      {
        name: 'shipments_line_fk',
        table: 'shipments',
        columns: ['order_ref', 'line_no'],
        refSchema: 'dbo',
        refTable: 'lines',
        refColumns: ['order_id', 'line'],
      },
    ])
    expect(graph.tables.find((t) => t.name === 'lines')?.columns.map((c) => `${c.name} ${c.type} ${c.pk}`)).toEqual([
      'order_id int 1',
      'line smallint 2',
      'price decimal(10,2) 0',
    ])
  })
})

if (!mssqlUrl()) console.log('[mssql] NOT RUN: schema graph on a real server: QUARRY_TEST_MSSQL_URL is not set')
