import { describe, expect, it } from 'vitest'
import type { ConnectionSummary, EngineId } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { flattenTree } from './tree-flatten'
import { TreeStore } from './tree-store'

const summary = (engine: EngineId, database?: string): ConnectionSummary => ({
  id: 'c',
  name: 'c',
  engine,
  detail: 'h',
  readOnly: false,
  safeMode: false,
  ...(database ? { database } : {}),
})

/** A server with three databases (MySQL: one server "database" holding three schemas); records every call. */
function fakeServer(connections: ConnectionSummary[] = []) {
  const calls: string[] = []
  let listFails = false
  const client = {
    call: async (method: string, input: Record<string, string>) => {
      calls.push(`${method} ${input.schema ?? input.database ?? ''}`.trim())
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (method === 'connections.list')
        return listFails
          ? { ok: false, error: { kind: 'internal', message: 'store unreadable' } }
          : { ok: true, value: connections }
      if (method === 'meta.databases') {
        const names = connections[0]?.engine === 'mysql' ? ['h:3306'] : ['postgres', 'shop', 'zoo']
        return { ok: true, value: names.map((name) => ({ name, sizeBytes: null })) }
      }
      if (method === 'meta.schemas')
        return { ok: true, value: ['app', 'shop', 'sys'].map((name) => ({ name, isSystem: false })) }
      if (method === 'meta.tables') {
        const value = [{ schema: input.schema, name: 'orders', kind: 'table', rowCount: 3, rowCountExact: true }]
        return { ok: true, value }
      }
      if (method === 'meta.objects') {
        const value = [
          { kind: 'function', schema: input.schema, name: 'total', detail: '(integer)' },
          { kind: 'trigger', schema: input.schema, name: 'audit', detail: 'on orders' },
        ]
        return { ok: true, value }
      }
      if (method === 'meta.tableSchema') {
        const column = (name: string, pk: number | null, nullable: boolean) => ({
          name,
          dataType: 'integer',
          nullable,
          defaultValue: null,
          primaryKeyPosition: pk,
          unique: false,
          autoIncrement: false,
          comment: null,
        })
        const fk = {
          name: 'fk_c',
          columns: ['customer'],
          referencedSchema: 'app',
          referencedTable: 'customers',
          referencedColumns: ['id'],
          onUpdate: 'NO ACTION',
          onDelete: 'NO ACTION',
        }
        const index = { name: 'orders_pkey', columns: ['id'], unique: true, primary: true, predicate: null }
        return {
          ok: true,
          value: {
            columns: [column('id', 1, false), column('customer', null, true)],
            indexes: [index],
            foreignKeys: [fk],
          },
        }
      }
      throw new Error(`unexpected ${method}`)
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls, failList: () => (listFails = true) }
}

const labels = (tree: TreeStore): string[] =>
  flattenTree(tree.getState()).map((row) =>
    row.type === 'node' ? `${'  '.repeat(row.depth)}${row.node.kind}:${row.node.id}` : `(${row.text})`,
  )

describe('TreeStore levels', () => {
  it('loads a level once however many ask for it at the same time', async () => {
    const server = fakeServer([summary('postgres')])
    const tree = new TreeStore(server.client)
    await tree.reloadConnections()
    const root = tree.getState().roots[0]!
    await Promise.all([tree.expand(root), tree.load(root), tree.expand(root)])
    await tree.load(root)
    expect(server.calls.filter((c) => c.startsWith('meta.databases'))).toHaveLength(1)
  })

  it('shows the database a connection names first, the others behind "All databases"', async () => {
    const tree = new TreeStore(fakeServer([summary('postgres', 'shop')]).client)
    await tree.reloadConnections()
    await tree.expand(tree.getState().roots[0]!)
    expect(labels(tree)).toEqual(['connection:c', '  database:c/shop', '  group:c/#databases'])
    const group = tree.getState().children.get('c')
    if (group?.status !== 'ready') throw new Error('not loaded')
    await tree.expand(group.nodes[1]!)
    expect(labels(tree).slice(3)).toEqual(['    database:c/postgres', '    database:c/zoo'])
  })

  it('MySQL/MariaDB: the schemas sit under the connection (no host:port level), the named one first', async () => {
    const server = fakeServer([summary('mysql', 'shop')])
    const tree = new TreeStore(server.client)
    await tree.reloadConnections()
    await tree.expand(tree.getState().roots[0]!)
    // Ids keep the server's level, so completion finds the loaded tables where it always did.
    expect(labels(tree)).toEqual(['connection:c', '  schema:c/h:3306/shop', '  group:c/#databases'])
    expect(server.calls).toContain('meta.schemas h:3306')
  })

  it('lists a schema’s tables, then its routines and triggers in groups; a table opens onto columns, indexes and keys', async () => {
    const tree = new TreeStore(fakeServer([summary('postgres')]).client)
    await tree.reloadConnections()
    await tree.expand(tree.getState().roots[0]!)
    const schema = { kind: 'schema' as const, id: 'c/shop/app', connectionId: 'c', database: 'shop', schema: 'app' }
    await tree.expand(schema)
    const level = tree.getState().children.get(schema.id)
    if (level?.status !== 'ready') throw new Error('not loaded')
    expect(level.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual([
      'table:c/shop/app/orders',
      'group:c/shop/app/#function',
      'group:c/shop/app/#trigger',
    ])
    await tree.expand(level.nodes[0]!)
    const table = tree.getState().children.get('c/shop/app/orders')
    if (table?.status !== 'ready') throw new Error('not loaded')
    expect(
      table.nodes.map((n) =>
        n.kind === 'column' ? `column:${n.column.name}:fk=${n.inForeignKey}` : `${n.kind}:${n.id}`,
      ),
    ).toEqual([
      'column:id:fk=false',
      'column:customer:fk=true',
      'group:c/shop/app/orders/#indexes',
      'group:c/shop/app/orders/#fks',
    ])
  })

  it('holds the connection list and says why it could not be read', async () => {
    const server = fakeServer([summary('postgres')])
    const tree = new TreeStore(server.client)
    await tree.reloadConnections()
    expect(tree.connections().map((c) => c.id)).toEqual(['c'])
    server.failList()
    await tree.reloadConnections()
    expect(tree.getState().connectionsError?.message).toBe('store unreadable')
    // What was listed stays listed.
    expect(tree.connections().map((c) => c.id)).toEqual(['c'])
  })
})
