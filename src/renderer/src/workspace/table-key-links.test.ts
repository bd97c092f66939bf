import { describe, expect, it } from 'vitest'
import type { ColumnCondition, ForeignKeyInfo, TableInfo, TableSchema } from '../../../shared/contract'
import type { WireValue } from '../../../shared/contract/values'
import type { QuarryClient } from '../api/quarry-client'
import { TableKeyLinks } from './table-key-links'

const fk = (columns: string[], table: string, referencedColumns: string[]): ForeignKeyInfo => ({
  name: null,
  columns,
  referencedSchema: 'main',
  referencedTable: table,
  referencedColumns,
  onUpdate: 'NO ACTION',
  onDelete: 'NO ACTION',
})
const info = (name: string, kind: TableInfo['kind'] = 'table'): TableInfo => ({
  schema: 'main',
  name,
  kind,
  rowCount: null,
  rowCountExact: false,
})
const schemaOf = (name: string, foreignKeys: ForeignKeyInfo[]): TableSchema => ({
  schema: 'main',
  name,
  kind: 'table',
  columns: [],
  primaryKey: [],
  indexes: [],
  foreignKeys,
  checks: [],
  definition: null,
})

const SCHEMAS: Record<string, TableSchema> = {
  products: schemaOf('products', [fk(['category_id'], 'categories', ['id'])]),
  categories: schemaOf('categories', [fk(['parent_id'], 'categories', ['id'])]),
  customers: schemaOf('customers', []),
}

/** A client answering the catalog calls from SCHEMAS, counting them. */
function fakeClient() {
  const calls: string[] = []
  const client = {
    call: (method: string, input: { table?: string }) => {
      calls.push(input.table ? `${method} ${input.table}` : method)
      if (method === 'meta.tables')
        return Promise.resolve({ ok: true, value: [...Object.keys(SCHEMAS).map((n) => info(n)), info('v', 'view')] })
      const schema = SCHEMAS[input.table ?? '']
      return Promise.resolve(
        schema
          ? { ok: true, value: schema }
          : { ok: false, error: { kind: 'invalid-input', message: 'no such table' } },
      )
    },
  } as unknown as Pick<QuarryClient, 'call'>
  return { client, calls }
}

const tab = (name: string) => ({ connectionId: 'sample', database: 'sample', table: info(name) })
const rowOf =
  (values: WireValue[]) =>
  (col: number): WireValue =>
    values[col] ?? null

describe('TableKeyLinks', () => {
  it("follows a key value to the referenced table, filtered on the key's columns", async () => {
    const { client } = fakeClient()
    const opened: [string, string, ColumnCondition[]][] = []
    const keys = new TableKeyLinks(client, tab('products'), (s, t, c) => opened.push([s, t, c]))
    const links = keys.linksFor((await keys.structure())!, ['id', 'name', 'category_id'])
    expect([...links.columns]).toEqual([2])
    links.follow(2, rowOf([10, 'Lamp', 4]))
    links.follow(2, rowOf([11, 'Orphan', null]))
    expect(opened).toEqual([['main', 'categories', [{ column: 'id', op: '=', value: '4' }]]])
  })

  it('lists the referencing tables on demand, reading the schema once, and opens them filtered', async () => {
    const { client, calls } = fakeClient()
    const opened: [string, string, ColumnCondition[]][] = []
    const keys = new TableKeyLinks(client, tab('categories'), (s, t, c) => opened.push([s, t, c]))
    const links = keys.linksFor((await keys.structure())!, ['id', 'parent_id', 'name'])
    expect(calls).toEqual(['meta.tableSchema categories'])
    const targets = await links.referencedBy!(rowOf([4, 1, 'Lighting']))
    expect(targets.map((t) => t.label)).toEqual(['products', 'categories'])
    targets[0]!.open()
    expect(opened).toEqual([['main', 'products', [{ column: 'category_id', op: '=', value: '4' }]]])
    await links.referencedBy!(rowOf([5, 1, 'Desks']))
    // Views are not read; the second row reuses the keys read for the first.
    expect(calls.filter((c) => c.startsWith('meta.tables'))).toHaveLength(1)
    expect(calls).not.toContain('meta.tableSchema v')
  })

  it('counts the referencing rows on the server with the same conditions, and stops the count when the list closes', async () => {
    const seen: Array<[string, Record<string, unknown>]> = []
    let answer: (value: unknown) => void = () => {}
    const client = {
      call: (method: string, input: Record<string, unknown>) => {
        seen.push([method, input])
        if (method === 'meta.countRows') return new Promise((resolve) => (answer = resolve))
        if (method === 'meta.tables') return Promise.resolve({ ok: true, value: [info('products')] })
        if (method === 'meta.cancelCount') return Promise.resolve({ ok: true, value: { cancelled: true } })
        return Promise.resolve({ ok: true, value: SCHEMAS[String(input['table'])] })
      },
    } as unknown as Pick<QuarryClient, 'call'>
    const keys = new TableKeyLinks(client, tab('categories'), () => {})
    const links = keys.linksFor((await keys.structure())!, ['id', 'parent_id', 'name'])
    const [products] = await links.referencedBy!(rowOf([4, 1, 'Lighting']))
    const list = new AbortController()
    const counted = products!.count!(list.signal)
    const [method, input] = seen.at(-1)!
    expect(method).toBe('meta.countRows')
    expect(input).toMatchObject({
      database: 'sample',
      schema: 'main',
      table: 'products',
      conditions: [{ column: 'category_id', op: '=', value: '4' }],
      atMost: 10_000,
    })
    list.abort()
    expect(seen.at(-1)).toEqual(['meta.cancelCount', { countId: input['countId'] }])
    answer({ ok: false, error: { kind: 'cancelled', message: 'Count cancelled' } })
    expect(await counted).toBeNull()

    const again = products!.count!(new AbortController().signal)
    answer({ ok: true, value: { count: '12' } })
    expect(await again).toEqual({ count: '12', atLeast: false })
    const big = products!.count!(new AbortController().signal)
    answer({ ok: true, value: { count: '10000', atLeast: true } })
    expect(await big).toEqual({ count: '10000', atLeast: true })
  })
})
