import { describe, expect, it } from 'vitest'
import type { MethodName, SavedConnection, TableInfo } from '../../../../shared/contract'
import type { QuarryClient } from '../../api/quarry-client'
import { TreeStore } from '../../tree/tree-store'
import { SchemaCatalog } from './schema-catalog'

const table = (schema: string, name: string): TableInfo => ({
  schema,
  name,
  kind: 'table',
  rowCount: 1,
  rowCountExact: false,
})

/** A fake main: two PostgreSQL databases; counts the calls completion makes. */
function fakeClient() {
  const calls: string[] = []
  const answers: Partial<Record<MethodName, (input: Record<string, string>) => unknown>> = {
    'meta.databases': () => [
      { name: 'postgres', sizeBytes: null },
      { name: 'shop_db', sizeBytes: null },
    ],
    'meta.schemas': () => [
      { name: 'public', isSystem: false },
      { name: 'audit', isSystem: false },
    ],
    'meta.tables': ({ database, schema }) => [table(schema!, `${database}_${schema}_t`)],
    'meta.objects': () => [],
    'meta.tableSchema': ({ table: name }) => ({
      columns: [{ name: `${name}_id`, dataType: 'int' }],
      indexes: [],
      foreignKeys: [],
    }),
    'connections.get': (): SavedConnection => ({
      id: 'pg',
      profile: { name: 'pg', engine: 'postgres', host: 'h', database: 'shop_db' },
      hasPassword: false,
      hasSshSecret: false,
    }),
  }
  const client = {
    call: async (method: MethodName, input: Record<string, string>) => {
      calls.push(method)
      return { ok: true, value: answers[method]?.(input) }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls }
}

describe('SchemaCatalog', () => {
  it('completes against the connection’s own database, loading each missing piece once', async () => {
    const { client, calls } = fakeClient()
    const catalog = new SchemaCatalog(client, new TreeStore(client), 'pg', 'postgres')
    expect(catalog.snapshot().tables('public')).toBeNull()
    expect(await catalog.resolve()).toBe('shop_db')
    expect(catalog.snapshot().defaultSchema).toBe('public')
    await catalog.load([{ kind: 'tables', schema: 'public' }, { kind: 'schemas' }])
    await catalog.load([{ kind: 'tables', schema: 'public' }])
    expect(
      catalog
        .snapshot()
        .tables('public')
        ?.map((t) => t.name),
    ).toEqual(['shop_db_public_t'])
    expect(catalog.snapshot().schemas()).toEqual(['public', 'audit'])
    await catalog.load([{ kind: 'columns', schema: 'public', table: 'shop_db_public_t' }])
    expect(
      catalog
        .snapshot()
        .columns('public', 'shop_db_public_t')
        ?.map((c) => c.name),
    ).toEqual(['shop_db_public_t_id'])
    expect(calls.filter((c) => c === 'meta.tables')).toHaveLength(1)
    // After an edit of the connection, everything is asked again.
    catalog.reset()
    expect(catalog.snapshot().tables('public')).toBeNull()
    await catalog.resolve()
    await catalog.load([{ kind: 'tables', schema: 'public' }])
    expect(calls.filter((c) => c === 'meta.tables')).toHaveLength(2)
  })

  it('uses what the tree already loaded instead of asking again', async () => {
    const { client, calls } = fakeClient()
    const tree = new TreeStore(client)
    tree.setConnections([{ id: 'pg', name: 'pg', engine: 'postgres', detail: '', readOnly: false, safeMode: false }])
    const root = tree.getState().roots[0]!
    await tree.expand(root)
    const database = { kind: 'database' as const, id: 'pg/shop_db', connectionId: 'pg', database: 'shop_db' }
    await tree.expand(database)
    await tree.expand({
      kind: 'schema',
      id: 'pg/shop_db/audit',
      connectionId: 'pg',
      database: 'shop_db',
      schema: 'audit',
    })
    calls.length = 0
    const catalog = new SchemaCatalog(client, tree, 'pg', 'postgres')
    await catalog.resolve()
    expect(catalog.snapshot().schemas()).toEqual(['public', 'audit'])
    expect(
      catalog
        .snapshot()
        .tables('audit')
        ?.map((t) => t.name),
    ).toEqual(['shop_db_audit_t'])
    expect(calls).toEqual(['connections.get'])
  })
})
