import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { flattenTree } from '../tree/tree-flatten'
import { TreeStore } from '../tree/tree-store'

const summary = (id: string, detail = 'x'): ConnectionSummary => ({
  id,
  name: id,
  engine: 'sqlite',
  detail,
  readOnly: false,
  safeMode: false,
})

/** A client whose databases are named after how many times each connection was asked. */
function fakeClient() {
  const asked = new Map<string, number>()
  const client = {
    call: async (method: string, input: { connectionId: string; database?: string }) => {
      const n = (asked.get(input.connectionId) ?? 0) + 1
      if (method === 'meta.databases') asked.set(input.connectionId, n)
      if (method === 'meta.databases') return { ok: true, value: [{ name: `db${n}`, sizeBytes: null }] }
      return { ok: true, value: [{ name: 'main', isSystem: false }] }
    },
    onEvent: () => () => undefined,
  } as unknown as QuarryClient
  return { client, asked }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const visible = (tree: TreeStore) =>
  flattenTree(tree.getState()).map((row) => (row.type === 'node' ? row.node.id : `(${row.text})`))

describe('tree reload after saving connections', () => {
  it('keeps what was expanded, reloads an edited connection, and drops a deleted one', async () => {
    const { client, asked } = fakeClient()
    const tree = new TreeStore(client)
    tree.setConnections([summary('sample'), summary('a')])
    for (const node of tree.getState().roots) await tree.expand(node)
    await tree.expand({ kind: 'database', id: 'sample/db1', connectionId: 'sample', database: 'db1' })
    expect(visible(tree)).toEqual(['sample', 'sample/db1', 'sample/db1/main', 'a', 'a/db1'])

    // A new connection appears; nothing already open is reloaded.
    tree.setConnections([summary('sample'), summary('a'), summary('b')])
    await settle()
    expect(visible(tree)).toEqual(['sample', 'sample/db1', 'sample/db1/main', 'a', 'a/db1', 'b'])
    expect(asked).toEqual(
      new Map([
        ['sample', 1],
        ['a', 1],
      ]),
    )

    // 'a' was edited: it stays open and loads again; 'sample' keeps its levels.
    tree.setConnections([summary('sample'), summary('a', 'y'), summary('b')], ['a'])
    await settle()
    expect(visible(tree)).toEqual(['sample', 'sample/db1', 'sample/db1/main', 'a', 'a/db2', 'b'])

    // 'a' was deleted: it and everything under it go.
    tree.setConnections([summary('sample'), summary('b')])
    expect(visible(tree)).toEqual(['sample', 'sample/db1', 'sample/db1/main', 'b'])
    expect([...tree.getState().children.keys()].some((id) => id.startsWith('a'))).toBe(false)
  })
})
