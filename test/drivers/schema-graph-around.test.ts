import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import {
  readGraphAround,
  readWholeGraph,
  relatedTo,
  type RunCatalog,
} from '../../src/main/services/schema-graph-around'
import { buildSchemaGraph } from '../../src/main/services/schema-graph-rows'
import type { EngineId, SchemaGraph } from '../../src/shared/contract'
import { inferredKeys } from '../../src/shared/er/inferred-keys'
import { duckdbHarness } from '../helpers/duckdb-harness'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { mariadbHarnesses } from '../helpers/mariadb-harness'
import { postgresEngines } from '../helpers/postgres-harness'
import { sqliteHarness } from '../helpers/sqlite-harness'

/**
 * orders (the focus) with a declared parent (customers), an inferred one (stores, by `store_id`),
 * a declared child (order_lines, whose composite key a grandchild refers to), an inferred child
 * whose name needs quotes ("Order Notes"), and tables it must not bring: a `customer_id` declared
 * to another table (legacy), a table a `*_id` names but of another type (regions), unrelated ones;
 * and `item_id` columns (returns, refunds), which name `item` before `items`.
 */
function statements(engine: EngineId): string[] {
  const q = (name: string) => (engine === 'mysql' ? `\`${name}\`` : `"${name.replaceAll('"', '""')}"`)
  const text = 'VARCHAR(40)'
  return [
    `CREATE TABLE customers (id INTEGER NOT NULL, name ${text}, PRIMARY KEY (id))`,
    `CREATE TABLE customers_archive (id INTEGER NOT NULL, PRIMARY KEY (id))`,
    `CREATE TABLE stores (id INTEGER NOT NULL, name ${text}, PRIMARY KEY (id))`,
    `CREATE TABLE regions (code ${text} NOT NULL, PRIMARY KEY (code))`,
    `CREATE TABLE orders (id INTEGER NOT NULL, customer_id INTEGER, store_id INTEGER, region_id INTEGER, note ${text},
       PRIMARY KEY (id), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))`,
    `CREATE TABLE order_lines (order_id INTEGER NOT NULL, line INTEGER NOT NULL, qty INTEGER,
       PRIMARY KEY (order_id, line), CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id))`,
    `CREATE TABLE shipments (id INTEGER NOT NULL, order_id INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (id),
       CONSTRAINT shipments_line_fk FOREIGN KEY (order_id, line) REFERENCES order_lines (order_id, line))`,
    `CREATE TABLE ${q('Order Notes')} (id INTEGER NOT NULL, order_id INTEGER, ${q('Body "text"')} ${text}, PRIMARY KEY (id))`,
    `CREATE TABLE legacy (id INTEGER NOT NULL, customer_id INTEGER, PRIMARY KEY (id),
       CONSTRAINT legacy_customer_fk FOREIGN KEY (customer_id) REFERENCES customers_archive (id))`,
    // `item_id` names `item` first (a text key: nothing inferred), never `items`.
    `CREATE TABLE item (id ${text} NOT NULL, PRIMARY KEY (id))`,
    `CREATE TABLE items (id INTEGER NOT NULL, PRIMARY KEY (id))`,
    `CREATE TABLE returns (id INTEGER NOT NULL, item_id INTEGER, item_ref INTEGER, PRIMARY KEY (id),
       CONSTRAINT returns_item_fk FOREIGN KEY (item_ref) REFERENCES items (id))`,
    `CREATE TABLE refunds (id INTEGER NOT NULL, item_id INTEGER, PRIMARY KEY (id))`,
    `CREATE TABLE products (id INTEGER NOT NULL, name ${text}, PRIMARY KEY (id))`,
    `CREATE TABLE suppliers (id INTEGER NOT NULL, product_id INTEGER, PRIMARY KEY (id),
       CONSTRAINT suppliers_product_fk FOREIGN KEY (product_id) REFERENCES products (id))`,
  ]
}

const harnesses: (() => EngineHarness)[] = [sqliteHarness, ...postgresEngines(), ...mariadbHarnesses(), duckdbHarness]

/** The relationships (declared within the schema, and inferred) touching one of `names`, as text, sorted. */
function relationships(graph: SchemaGraph, names: ReadonlySet<string>): string[] {
  const declared = graph.foreignKeys
    .filter((k) => k.refSchema === graph.schema && (names.has(k.table) || names.has(k.refTable)))
    .map((k) => `${k.table}(${k.columns.join('+')}) -> ${k.refTable}(${k.refColumns.join('+')})`)
  const inferred = inferredKeys(graph)
    .filter((k) => names.has(k.table) || names.has(k.refTable))
    .map((k) => `${k.table}(${k.column}) ~> ${k.refTable}(${k.refColumn})`)
  return [...declared, ...inferred].sort()
}

const columnsOf = (graph: SchemaGraph, name: string) =>
  graph.tables.find((t) => t.name === name)?.columns.map((c) => `${c.name}${c.pk ? `#${c.pk}` : ''}`)

describe.each(harnesses.map((make) => [make().engine, make] as const))(
  '%s: schema graph around a table',
  (engine, make) => {
    const harness = make()
    let db: TestDatabase
    let connection: DriverConnection
    let run: RunCatalog
    let whole: SchemaGraph
    let statementsRun = 0
    /** Round trips one after another: a statement sent while none is in flight starts the next one. */
    let roundTrips = 0
    let inFlight = 0

    beforeAll(async () => {
      db = await harness.createDatabase('graph_around', statements(engine))
      connection = await harness.driver().connect(db.options)
      run = async (query) => {
        statementsRun++
        if (inFlight++ === 0) roundTrips++
        try {
          return (await connection.execute(query.sql, { database: db.name, params: query.params })).rows
        } finally {
          inFlight--
        }
      }
      const queries = harness.driver().schemaGraphQueries!(db.name, db.schema)
      whole = buildSchemaGraph(db.schema, await run(queries.columns), await run(queries.foreignKeys))
    })
    afterAll(async () => {
      await connection?.close()
      await harness.cleanup()
    })

    // The filtered statements where the driver has them; else the whole schema's graph, cut down (DuckDB).
    const filtered = () => harness.driver().schemaGraphAroundQueries?.(db.name, db.schema)
    const around = (tables: string[]) => {
      statementsRun = 0
      roundTrips = 0
      const whole = harness.driver().schemaGraphQueries!(db.name, db.schema)
      return readGraphAround(run, () => readWholeGraph(run, whole, db.schema), filtered(), db.schema, tables)
    }

    it('reads a table, its declared and inferred neighbours either way, and theirs, and nothing else', async () => {
      const graph = await around(['orders'])
      expect([...(graph.complete ?? [])].sort()).toEqual([
        'Order Notes',
        'customers',
        'order_lines',
        'orders',
        'stores',
      ])
      expect(relationships(graph, new Set(['orders']))).toEqual([
        'Order Notes(order_id) ~> orders(id)',
        'order_lines(order_id) -> orders(id)',
        'orders(customer_id) -> customers(id)',
        'orders(store_id) ~> stores(id)',
      ])
      // The neighbours' own relationships: the composite key to order_lines; legacy's customer_id is declared elsewhere.
      expect(relationships(graph, new Set(['order_lines', 'customers', 'stores', 'Order Notes']))).toEqual([
        'Order Notes(order_id) ~> orders(id)',
        'order_lines(order_id) -> orders(id)',
        'orders(customer_id) -> customers(id)',
        'orders(store_id) ~> stores(id)',
        'shipments(order_id+line) -> order_lines(order_id+line)',
      ])
      const names = graph.tables.map((t) => t.name)
      for (const unrelated of ['products', 'suppliers']) expect(names).not.toContain(unrelated)
      expect(relatedTo(graph, new Set(['customers']))).toEqual(new Set(['orders']))
      expect(columnsOf(graph, 'orders')).toEqual(['id#1', 'customer_id', 'store_id', 'region_id', 'note'])
      expect(columnsOf(graph, 'order_lines')).toEqual(['order_id#1', 'line#2', 'qty'])
      expect(columnsOf(graph, 'Order Notes')).toEqual(['id#1', 'order_id', 'Body "text"'])
      // Where a name filter saves no scan (MariaDB), the schema's keys and *_id columns are read once,
      // not again for the second ring: its columns and theirs, plus those two.
      expect(statementsRun).toBeLessThanOrEqual(filtered()?.wholeScans ? 5 : filtered() ? 10 : 2)
      // Two rings, each one step of statements sent together and one for what the first found.
      // Without filtered statements (DuckDB): the whole schema's two statements, sent together.
      expect(roundTrips).toBeLessThanOrEqual(filtered() ? 4 : 1)
    })

    it('knows every relationship of the tables it calls complete, as the whole schema has them', async () => {
      for (const focus of ['orders', 'Order Notes', 'shipments', 'legacy', 'products', 'items', 'returns', 'refunds']) {
        const graph = await around([focus])
        const complete = new Set(graph.complete)
        expect(complete).toEqual(new Set([focus, ...relatedTo(whole, new Set([focus]))]))
        expect(relationships(graph, complete)).toEqual(relationships(whole, complete))
        for (const name of complete) expect(columnsOf(graph, name)).toEqual(columnsOf(whole, name))
      }
    })

    it('reads nothing for a table that is not there', async () => {
      const graph = await around(['no such table'])
      expect(graph.tables).toEqual([])
      expect(graph.complete).toEqual([])
    })
  },
)
