import { describe, expect, it } from 'vitest'
import { buildSchemaGraph } from '../../services/schema-graph-rows'
import { MSSQL_FACTS } from './mssql-facts'
import { mssqlGraphQueries } from './mssql-graph-sql'

// Rows in the shapes the two statements return through the driver, for a schema of customers,
// orders (nullable key), order_lines (composite primary key) and shipments (a composite foreign key
// to order_lines, listed by SQL Server in constraint_column_id order), plus a view and a key to
// another schema. Written from the sys views' documented values: no SQL Server runs here
// (test/drivers/schema-graph.test.ts checks them on one when QUARRY_TEST_MSSQL_URL is set).
const COLUMN_ROWS = [
  ['customers', 'table', 'id', 'int', 0, 1],
  ['customers', 'table', 'name', 'nvarchar(100)', 0, 0],
  ['order_lines', 'table', 'order_id', 'int', 0, 1],
  ['order_lines', 'table', 'line', 'smallint', 0, 2],
  ['order_lines', 'table', 'price', 'decimal(10,2)', 1, 0],
  ['orders', 'table', 'id', 'int', 0, 1],
  ['orders', 'table', 'customer_id', 'int', 1, 0],
  ['orders', 'table', 'region_code', 'char(2)', 1, 0],
  ['shipments', 'table', 'id', 'bigint', 0, 1],
  ['shipments', 'table', 'line_no', 'smallint', 0, 0],
  ['shipments', 'table', 'order_ref', 'int', 0, 0],
  ['v_orders', 'view', 'id', 'int', 0, 0],
]
const KEY_ROWS = [
  ['FK_order_lines_orders', 'order_lines', 'order_id', 'dbo', 'orders', 'id'],
  ['FK_orders_customers', 'orders', 'customer_id', 'dbo', 'customers', 'id'],
  ['FK_orders_regions', 'orders', 'region_code', 'geo', 'regions', 'code'],
  // Declared as (order_ref, line_no) REFERENCES order_lines (order_id, line): key order, not column order.
  ['FK_shipments_lines', 'shipments', 'order_ref', 'dbo', 'order_lines', 'order_id'],
  ['FK_shipments_lines', 'shipments', 'line_no', 'dbo', 'order_lines', 'line'],
]

describe('SQL Server schema graph', () => {
  it('binds the schema as @p1 in both statements, never spliced into the text', () => {
    const queries = mssqlGraphQueries('shop', "x'; DROP TABLE t --")
    for (const query of [queries.columns, queries.foreignKeys]) {
      expect(query.params).toEqual(["x'; DROP TABLE t --"])
      expect(query.sql).not.toContain('DROP TABLE')
      expect(query.sql).toContain('s.name = @p1')
    }
    expect(queries.columns.sql).toMatch(/ORDER BY o\.name, c\.column_id/)
    expect(queries.foreignKeys.sql).toMatch(/ORDER BY po\.name, fk\.name, fkc\.constraint_column_id/)
    expect(MSSQL_FACTS.schemaGraphQueries).toBe(mssqlGraphQueries)
  })

  it('assembles tables, key positions, views and composite keys in key order from the rows', () => {
    const graph = buildSchemaGraph('dbo', COLUMN_ROWS, KEY_ROWS)
    expect(graph.tables.map((t) => `${t.kind} ${t.name}`)).toEqual([
      'table customers',
      'table order_lines',
      'table orders',
      'table shipments',
      'view v_orders',
    ])
    expect(graph.tables[1]!.columns).toEqual([
      { name: 'order_id', type: 'int', pk: 1, nullable: false },
      { name: 'line', type: 'smallint', pk: 2, nullable: false },
      { name: 'price', type: 'decimal(10,2)', pk: 0, nullable: true },
    ])
    expect(graph.foreignKeys).toEqual([
      {
        name: 'FK_order_lines_orders',
        table: 'order_lines',
        columns: ['order_id'],
        refSchema: 'dbo',
        refTable: 'orders',
        refColumns: ['id'],
      },
      {
        name: 'FK_orders_customers',
        table: 'orders',
        columns: ['customer_id'],
        refSchema: 'dbo',
        refTable: 'customers',
        refColumns: ['id'],
      },
      {
        name: 'FK_orders_regions',
        table: 'orders',
        columns: ['region_code'],
        refSchema: 'geo',
        refTable: 'regions',
        refColumns: ['code'],
      },
      {
        name: 'FK_shipments_lines',
        table: 'shipments',
        columns: ['order_ref', 'line_no'],
        refSchema: 'dbo',
        refTable: 'order_lines',
        refColumns: ['order_id', 'line'],
      },
    ])
  })

  it('reads bit columns as the driver returns them (booleans) for nullability', () => {
    const graph = buildSchemaGraph('dbo', [['t', 'table', 'a', 'int', true, 0]], [])
    expect(graph.tables[0]!.columns[0]!.nullable).toBe(true)
  })
})
