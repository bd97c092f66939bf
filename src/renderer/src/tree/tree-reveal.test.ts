import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { flattenTree } from './tree-flatten'
import { TreeStore } from './tree-store'

const summary: ConnectionSummary = {
  id: 'c1',
  name: 'measurements',
  engine: 'duckdb',
  detail: '/data/measurements.csv',
  readOnly: false,
  safeMode: false,
}

/** A catalog: database 'measurements' with an empty schema 'aux' before 'main', which holds the view. */
const client = {
  call: async (method: string, input: { schema?: string }) => {
    if (method === 'meta.databases') return { ok: true, value: [{ name: 'measurements' }, { name: 'other' }] }
    if (method === 'meta.schemas') return { ok: true, value: [{ name: 'aux' }, { name: 'main' }] }
    if (method === 'meta.tables' && input.schema === 'main')
      return { ok: true, value: [{ schema: 'main', name: 'measurements', kind: 'view', rowCount: null }] }
    return { ok: true, value: [] }
  },
  onEvent: () => () => undefined,
} as unknown as QuarryClient

describe('revealing a connection’s first table', () => {
  it('expands down to the first table of the first database, selects it, and leaves empty schemas closed', async () => {
    const tree = new TreeStore(client)
    tree.setConnections([summary])
    const table = await tree.revealFirstTable('c1')
    expect(table).toMatchObject({ kind: 'table', id: 'c1/measurements/main/measurements', database: 'measurements' })
    expect(tree.getState().selected).toBe('c1/measurements/main/measurements')
    const rows = flattenTree(tree.getState()).map((row) => (row.type === 'node' ? row.node.id : `(${row.text})`))
    expect(rows).toEqual([
      'c1',
      'c1/measurements',
      'c1/measurements/aux',
      'c1/measurements/main',
      'c1/measurements/main/measurements',
      'c1/other',
    ])
  })

  it('answers null for a connection it does not know', async () => {
    const tree = new TreeStore(client)
    expect(await tree.revealFirstTable('nope')).toBeNull()
    expect(tree.getState().selected).toBeNull()
  })
})
