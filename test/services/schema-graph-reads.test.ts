import { describe, expect, it } from 'vitest'
import type { SchemaGraphAroundQueries } from '../../src/main/drivers/driver'
import type { BuiltTableQuery } from '../../src/shared/contract'
import { aroundReads, type Rows } from '../../src/main/services/schema-graph-reads'

const q = (sql: string): BuiltTableQuery => ({ sql, params: [] })
const filtered: SchemaGraphAroundQueries = {
  columnsOf: (tables) => q(`columns of ${tables.join()}`),
  foreignKeysOf: (tables) => q(`keys of ${tables.join()}`),
  columnsNamed: (names) => q(`named ${names.join()}`),
}
// foreignKeys rows: name, table_name, column_name, ref_schema, ref_table, ref_column.
const KEYS: Rows = [
  ['fk1', 'Orders', 'customer_id', 'shop', 'customers', 'id'],
  ['fk2', 'lines', 'order_id', 'shop', 'orders', 'id'],
  ['fk3', 'legacy', 'customer_id', 'archive', 'customers', 'id'],
  ['fk4', 'stock', 'item_id', 'shop', 'items', 'id'],
]
const ID_COLUMNS: Rows = [
  ['orders', 'customer_id'],
  ['notes', 'Order_ID'],
  ['stock', 'item_id'],
]

function recorder(rows: Record<string, Rows>) {
  const ran: string[] = []
  return { ran, run: async (query: BuiltTableQuery) => (ran.push(query.sql), rows[query.sql] ?? []) }
}

describe('the reads of the graph around some tables', () => {
  it('runs each filtered statement as asked when a name filter saves a scan', async () => {
    const { ran, run } = recorder({})
    const reads = aroundReads(run, filtered, 'shop')
    await reads.foreignKeysOf(['orders'])
    await reads.foreignKeysOf(['customers'])
    await reads.columnsNamed(['order_id'])
    expect(ran).toEqual(['keys of orders', 'keys of customers', 'named order_id'])
  })

  it('reads the whole schema’s keys and *_id columns once, and filters them as the statements would', async () => {
    const { ran, run } = recorder({ 'all keys': KEYS, 'all ids': ID_COLUMNS })
    const reads = aroundReads(
      run,
      { ...filtered, wholeScans: { foreignKeys: q('all keys'), idColumns: q('all ids') } },
      'shop',
    )
    // A table's own keys and the keys referring to it from this schema (names compared lower-cased).
    expect((await reads.foreignKeysOf(['orders'])).map((row) => row[0])).toEqual(['fk1', 'fk2'])
    // legacy's key refers to another schema's customers: not a key to this schema's table.
    expect((await reads.foreignKeysOf(['customers'])).map((row) => row[0])).toEqual(['fk1'])
    expect(await reads.columnsNamed(['order_id'])).toEqual([['notes', 'Order_ID']])
    expect(await reads.columnsNamed(['item_id', 'customer_id'])).toEqual([
      ['orders', 'customer_id'],
      ['stock', 'item_id'],
    ])
    await reads.columnsOf(['orders'])
    expect(ran).toEqual(['all keys', 'all ids', 'columns of orders'])
  })
})
