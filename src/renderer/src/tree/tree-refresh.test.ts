import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { flattenTree } from './tree-flatten'
import type { TreeNode } from './tree-model'
import { TreeStore } from './tree-store'

const pg: ConnectionSummary = {
  id: 'pg',
  name: 'pg',
  engine: 'postgres',
  detail: 'h:5432',
  readOnly: false,
  safeMode: false,
}

/** A PostgreSQL catalog the test changes between calls, and the calls made. */
function fakeServer() {
  const tables: Record<string, string[]> = { public: ['orders'], sales: ['leads'] }
  const calls: string[] = []
  const client = {
    call: async (method: string, input: Record<string, string>) => {
      calls.push(`${method} ${input.schema ?? input.database ?? ''}`.trim())
      if (method === 'meta.databases') return { ok: true, value: [{ name: 'shop', sizeBytes: 1 }] }
      if (method === 'meta.schemas')
        return { ok: true, value: Object.keys(tables).map((name) => ({ name, isSystem: false })) }
      if (method === 'meta.tables') {
        const names = tables[input.schema!] ?? []
        return {
          ok: true,
          value: names.map((name) => ({
            schema: input.schema,
            name,
            kind: 'table',
            rowCount: 1,
            rowCountExact: false,
          })),
        }
      }
      if (method === 'meta.objects') return { ok: true, value: [] }
      throw new Error(`unexpected ${method}`)
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls, tables }
}

const labels = (tree: TreeStore): string[] =>
  flattenTree(tree.getState()).map((row) => (row.type === 'node' ? `${row.node.kind}:${row.node.id}` : row.text))
const node = (tree: TreeStore, id: string): TreeNode => {
  const row = flattenTree(tree.getState()).find((r) => r.type === 'node' && r.node.id === id)
  if (row?.type !== 'node') throw new Error(`no node ${id}`)
  return row.node
}

async function openToPublic() {
  const server = fakeServer()
  const tree = new TreeStore(server.client)
  tree.setConnections([pg])
  await tree.expand(node(tree, 'pg'))
  await tree.expand(node(tree, 'pg/shop'))
  await tree.expand(node(tree, 'pg/shop/public'))
  return { ...server, tree }
}

describe('TreeStore refresh', () => {
  it("reloads only a connection's loaded levels, keeping expansion and selection", async () => {
    const { tree, tables, calls } = await openToPublic()
    tree.select('pg/shop/public/orders')
    tables.public!.push('invoices')
    tables.sales!.push('quotes')
    calls.length = 0
    await tree.refreshConnection('pg')
    // sales was never expanded: not loaded, not fetched.
    expect(calls.sort()).toEqual(['meta.databases', 'meta.objects public', 'meta.schemas shop', 'meta.tables public'])
    expect(labels(tree)).toEqual([
      'connection:pg',
      'database:pg/shop',
      'schema:pg/shop/public',
      'table:pg/shop/public/orders',
      'table:pg/shop/public/invoices',
      'schema:pg/shop/sales',
    ])
    expect(tree.getState().selected).toBe('pg/shop/public/orders')
    expect(tree.selectedPlace()).toEqual({ connectionId: 'pg', database: 'shop', schema: 'public' })
  })

  it('forgets levels under a node that is gone, and a leaf refreshes the level it is in', async () => {
    const { tree, tables, calls } = await openToPublic()
    tables.public = ['orders', 'refunds']
    calls.length = 0
    await tree.refreshLoaded(node(tree, 'pg/shop/public/orders'))
    expect(calls).toEqual(['meta.tables public', 'meta.objects public'])
    expect(labels(tree)).toContain('table:pg/shop/public/refunds')
    delete tables.public
    await tree.refreshConnection('pg')
    expect(labels(tree).filter((l) => l.includes('public'))).toEqual([])
    expect(tree.getState().children.has('pg/shop/public')).toBe(false)
    // Created again, it comes back collapsed (never stuck "loading…").
    tables.public = ['orders']
    await tree.refreshConnection('pg')
    expect(tree.getState().expanded.has('pg/shop/public')).toBe(false)
    expect(labels(tree)).not.toContain('loading…')
  })

  it('does nothing for a connection never opened, and nothing is selected at first', async () => {
    const { client, calls } = fakeServer()
    const tree = new TreeStore(client)
    tree.setConnections([pg])
    await tree.refreshConnection('pg')
    expect(calls).toEqual([])
    expect(tree.selectedPlace()).toBeNull()
  })
})
