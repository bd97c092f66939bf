import { describe, expect, it } from 'vitest'
import type { ColumnInfo, TableInfo } from '../../../../shared/contract'
import { completeSql } from './complete-sql'
import type { CatalogSnapshot } from './completion-options'
import { dialectWords } from './sql-words'

const table = (schema: string, name: string, kind: TableInfo['kind'] = 'table'): TableInfo => ({
  schema,
  name,
  kind,
  rowCount: null,
  rowCountExact: false,
})
const column = (name: string, dataType = 'integer'): ColumnInfo => ({
  name,
  dataType,
  nullable: true,
  defaultValue: null,
  primaryKeyPosition: null,
  unique: false,
  autoIncrement: false,
  comment: null,
})

/** A PostgreSQL-like catalog: public (customers, orders, a view) and shop (items); columns of some tables known. */
function catalog(loaded: { columns?: boolean; shopTables?: boolean } = {}): CatalogSnapshot {
  const tables: Record<string, TableInfo[]> = {
    public: [table('public', 'customers'), table('public', 'orders'), table('public', 'order_totals', 'view')],
    shop: [table('shop', 'items')],
  }
  const columns: Record<string, ColumnInfo[]> = {
    'public.customers': [column('id'), column('name', 'text'), column('email', 'text')],
    'public.orders': [column('id'), column('customer_id'), column('total', 'numeric(10,2)')],
    'shop.items': [column('sku', 'text')],
  }
  return {
    defaultSchema: 'public',
    schemas: () => ['public', 'shop'],
    tables: (schema) => (schema === 'shop' && loaded.shopTables === false ? null : (tables[schema] ?? [])),
    columns: (schema, name) => (loaded.columns === false ? null : (columns[`${schema}.${name}`] ?? [])),
  }
}

/** Completes at `|` (removed from the script); answers the labels offered of some types. */
const complete = (marked: string, snapshot = catalog(), types?: string[]) => {
  const cursor = marked.indexOf('|')
  const script = marked.slice(0, cursor) + marked.slice(cursor + 1)
  const answer = completeSql(script, cursor, 'postgres', snapshot, dialectWords('postgres'))
  const options = types ? answer.options.filter((o) => types.includes(o.type)) : answer.options
  return { labels: options.map((o) => o.label), from: answer.from, missing: answer.missing, options }
}

describe('SQL completion', () => {
  it('after FROM and JOIN: tables and views of the default schema, then schemas', () => {
    expect(complete('SELECT * FROM |').labels).toEqual(['customers', 'orders', 'order_totals', 'public', 'shop'])
    expect(complete('SELECT * FROM orders o JOIN |').labels).toContain('customers')
    expect(complete('SELECT * FROM orders o JOIN |').labels).not.toContain('id')
    expect(complete('SELECT * FROM orders, |').labels).toContain('customers')
    expect(complete('SELECT * FROM |').options.find((o) => o.label === 'order_totals')).toMatchObject({
      type: 'type',
      detail: 'view',
    })
  })

  it('replaces the word being typed, from its start', () => {
    const answer = complete('SELECT * FROM cus|')
    expect(answer.from).toBe(14)
    expect(answer.labels).toContain('customers')
  })

  it('after `schema.` in FROM: that schema’s tables', () => {
    expect(complete('SELECT * FROM shop.|').labels).toEqual(['items'])
    expect(complete('SELECT * FROM shop.it|').from).toBe(19)
  })

  it('columns of the tables in the statement, through aliases, even those named after the cursor', () => {
    expect(complete('SELECT o.| FROM orders o JOIN customers c ON c.id = o.customer_id').labels).toEqual([
      'id',
      'customer_id',
      'total',
    ])
    expect(complete('SELECT c.| FROM orders o JOIN customers AS c ON true').labels).toEqual(['id', 'name', 'email'])
    expect(complete('SELECT customers.| FROM customers').labels).toEqual(['id', 'name', 'email'])
    expect(complete('SELECT x.| FROM shop.items x').labels).toEqual(['sku'])
  })

  it('in expressions: columns of every table in the statement, then aliases, functions, keywords', () => {
    const answer = complete('SELECT | FROM orders o JOIN customers c ON c.id = o.customer_id')
    const columns = answer.options.filter((o) => o.type === 'property').map((o) => o.label)
    expect(columns).toEqual(['id', 'customer_id', 'total', 'name', 'email'])
    expect(answer.labels).toEqual(expect.arrayContaining(['o', 'c', 'count', 'date_trunc', 'SELECT', 'ILIKE']))
    const boost = (label: string) => answer.options.find((o) => o.label === label)?.boost ?? -99
    expect(boost('total')).toBeGreaterThan(boost('o'))
    expect(boost('o')).toBeGreaterThan(boost('count'))
    expect(boost('count')).toBeGreaterThan(boost('SELECT'))
  })

  it('the dialect decides the functions and keywords', () => {
    const mysql = completeSql('SELECT ', 7, 'mysql', catalog(), dialectWords('mysql')).options.map((o) => o.label)
    expect(mysql).toContain('group_concat')
    expect(mysql).not.toContain('date_trunc')
    expect(mysql).not.toContain('ILIKE')
  })

  it('only looks at the statement under the cursor', () => {
    const script = 'SELECT * FROM customers c;\nSELECT c.| FROM orders c'
    expect(complete(script).labels).toEqual(['id', 'customer_id', 'total'])
    expect(complete('SELECT * FROM customers c; SELECT c.|').labels).toEqual([])
  })

  it('says what metadata it lacks instead of waiting for it', () => {
    const lazy = complete('SELECT o.| FROM orders o', catalog({ columns: false }))
    expect(lazy.labels).toEqual([])
    expect(lazy.missing).toEqual([{ kind: 'columns', schema: 'public', table: 'orders' }])
    const shop = complete('SELECT * FROM shop.|', catalog({ shopTables: false }))
    expect(shop.missing).toEqual([{ kind: 'tables', schema: 'shop' }])
  })

  it('offers nothing inside strings and comments', () => {
    expect(complete("SELECT 'FROM |'").labels).toEqual([])
    expect(complete('SELECT 1 -- FROM |').labels).toEqual([])
    expect(complete('SELECT /* o.| */ 1 FROM orders o').labels).toEqual([])
  })

  it('understands quoted names', () => {
    expect(complete('SELECT "o".| FROM "orders" "o"').labels).toEqual(['id', 'customer_id', 'total'])
  })

  it("lexes by the engine's rules: PostgreSQL's dollar quotes and # operator are no string or comment", () => {
    expect(complete("SELECT $$it's$$ AS a FROM |").labels).toContain('customers')
    expect(complete('SELECT 1 # 2 AS a FROM |').labels).toContain('customers')
    const mysql = (marked: string) => {
      const cursor = marked.indexOf('|')
      const script = marked.slice(0, cursor) + marked.slice(cursor + 1)
      return completeSql(script, cursor, 'mysql', catalog(), dialectWords('mysql'))
    }
    expect(mysql('SELECT 1 # FROM |').options).toEqual([])
  })
})
