import { describe, expect, it } from 'vitest'
import type { QuarryClient } from '../api/quarry-client'
import { flattenTree } from './tree-flatten'
import type { TreeNode } from './tree-model'
import { TreeStore } from './tree-store'

/** A MongoDB server with one database, a collection with two indexes and a view. */
function fakeMongo() {
  const calls: { method: string; input: Record<string, string> }[] = []
  const client = {
    call: async (method: string, input: Record<string, string>) => {
      calls.push({ method, input })
      if (method === 'meta.databases') return { ok: true, value: [{ name: 'shop', sizeBytes: 1 }] }
      if (method === 'meta.tables') {
        const table = (name: string, kind: string) => ({
          schema: input.schema,
          name,
          kind,
          rowCount: null,
          rowCountExact: false,
        })
        return { ok: true, value: [table('orders', 'table'), table('recent', 'view')] }
      }
      if (method === 'meta.tableSchema') {
        const index = (name: string) => ({ name, columns: ['_id'], unique: true, primary: false, predicate: null })
        return { ok: true, value: { columns: [], indexes: [index('_id_'), index('by_day')], foreignKeys: [] } }
      }
      if (method === 'meta.objects') return { ok: true, value: [] }
      throw new Error(`unexpected ${method}`)
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls }
}

describe('TreeStore for an engine without schemas (MongoDB)', () => {
  it('goes database → collections and views → an Indexes group, as the engine catalog says', async () => {
    const { client, calls } = fakeMongo()
    const tree = new TreeStore(client)
    tree.setConnections([
      { id: 'm', name: 'm', engine: 'mongodb', detail: 'h:27017', readOnly: false, safeMode: false },
    ])
    const nodes = () => flattenTree(tree.getState()).flatMap((row) => (row.type === 'node' ? [row] : []))
    await tree.expand(tree.getState().roots[0]!)
    await tree.expand(nodes()[1]!.node)
    expect(calls.find((c) => c.method === 'meta.tables')?.input).toEqual({
      connectionId: 'm',
      database: 'shop',
      schema: 'shop',
    })
    expect(calls.some((c) => c.method === 'meta.schemas')).toBe(false)
    const orders = nodes().find((row) => row.node.kind === 'table' && row.node.table.name === 'orders')!
    await tree.expand(orders.node as TreeNode)
    await tree.expand(nodes().find((row) => row.node.kind === 'group')!.node)
    expect(nodes().map((row) => `${'  '.repeat(row.depth)}${row.node.kind}:${row.node.id}`)).toEqual([
      'connection:m',
      '  database:m/shop',
      '    table:m/shop/orders',
      '      group:m/shop/orders/#indexes',
      '        index:m/shop/orders/#index/_id_',
      '        index:m/shop/orders/#index/by_day',
      '    table:m/shop/recent',
    ])
  })
})
