import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { TreeStore } from '../tree/tree-store'
import { buildJumpIndex, MAX_LOADS_PER_CONNECTION } from './open-anything-index'

const pg: ConnectionSummary = {
  id: 'pg',
  name: 'big pg',
  engine: 'postgres',
  detail: 'h',
  readOnly: false,
  safeMode: false,
}

/** One database with `schemas` schemas, each holding one table and one function; counts calls. */
function fakeServer(schemas: number) {
  const calls: string[] = []
  const client = {
    call: async (method: string, input: Record<string, string>) => {
      calls.push(`${method} ${input.schema ?? input.database ?? ''}`.trim())
      if (method === 'meta.databases') return { ok: true, value: [{ name: 'db', sizeBytes: null }] }
      if (method === 'meta.schemas')
        return { ok: true, value: Array.from({ length: schemas }, (_, i) => ({ name: `s${i}`, isSystem: false })) }
      if (method === 'meta.tables')
        return {
          ok: true,
          value: [{ schema: input.schema, name: `t_${input.schema}`, kind: 'table', rowCount: 1, rowCountExact: true }],
        }
      if (method === 'meta.objects')
        return {
          ok: true,
          value: [{ kind: 'function', schema: input.schema, name: `f_${input.schema}`, detail: '()' }],
        }
      throw new Error(`unexpected ${method}`)
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, calls }
}

async function openTree(schemas: number) {
  const server = fakeServer(schemas)
  const tree = new TreeStore(server.client)
  tree.setConnections([pg])
  await tree.expand(tree.getState().roots[0]!)
  return { ...server, tree }
}

describe('buildJumpIndex', () => {
  it('gathers tables and routines of open connections, loading missing levels once (the tree keeps them)', async () => {
    const { tree, calls } = await openTree(2)
    const index = await buildJumpIndex(tree)
    expect(index.targets.map((t) => `${t.name} @ ${t.where}`).sort()).toEqual([
      'f_s0 @ s0 · db · big pg',
      'f_s1 @ s1 · db · big pg',
      't_s0 @ s0 · db · big pg',
      't_s1 @ s1 · db · big pg',
    ])
    expect(index.notes).toEqual([])
    // Nothing expanded for it; a second search asks the server nothing.
    expect(tree.getState().expanded.has('pg/db')).toBe(false)
    calls.length = 0
    await buildJumpIndex(tree)
    expect(calls).toEqual([])
    // The path opens the tree down to the target.
    const target = index.targets.find((t) => t.name === 't_s1')!
    expect(target.path.map((n) => n.id)).toEqual(['pg', 'pg/db', 'pg/db/s1', 'pg/db/s1/t_s1'])
  })

  it('stops loading past its budget and says the connection is too large to search whole', async () => {
    const { tree, calls } = await openTree(MAX_LOADS_PER_CONNECTION + 10)
    const index = await buildJumpIndex(tree)
    // The database level and budget-1 schemas were loaded; the rest were not asked for.
    expect(calls.filter((c) => c.startsWith('meta.tables'))).toHaveLength(MAX_LOADS_PER_CONNECTION - 1)
    expect(index.notes).toEqual([
      `big pg is too large to search whole: 11 more databases or schemas were not loaded (past ${MAX_LOADS_PER_CONNECTION}). Open them in the tree to include them.`,
    ])
  })

  it('leaves closed connections alone', async () => {
    const server = fakeServer(1)
    const tree = new TreeStore(server.client)
    tree.setConnections([pg])
    expect(await buildJumpIndex(tree)).toEqual({ targets: [], notes: [] })
    expect(server.calls).toEqual([])
  })
})
