import { describe, expect, it } from 'vitest'
import { flattenTree } from './tree-flatten'
import type { ChildrenState, TreeNode, TreeState } from './tree-model'

const connection: TreeNode = {
  kind: 'connection',
  id: 'sample',
  connection: { id: 'sample', name: 'Sample', engine: 'sqlite', detail: 'sample.db', readOnly: false, safeMode: false },
}
const database: TreeNode = { kind: 'database', id: 'sample/sample', connectionId: 'sample', database: 'sample' }
const schema: TreeNode = {
  kind: 'schema',
  id: 'sample/sample/main',
  connectionId: 'sample',
  database: 'sample',
  schema: 'main',
}
const table = (name: string): TreeNode => ({
  kind: 'table',
  id: `sample/sample/main/${name}`,
  connectionId: 'sample',
  database: 'sample',
  table: { schema: 'main', name, kind: 'table', rowCount: 1, rowCountExact: true },
})

const state = (children: Array<[string, ChildrenState]>, expanded: string[], filter = ''): TreeState => ({
  roots: [connection],
  children: new Map(children),
  expanded: new Set(expanded),
  selected: null,
  filter,
  connectionsError: null,
})

const labels = (s: TreeState) =>
  flattenTree(s).map((row) => (row.type === 'node' ? `${row.depth}:${row.node.id}` : `${row.depth}:(${row.text})`))

describe('flattenTree', () => {
  it('shows only roots while collapsed', () => {
    expect(labels(state([], []))).toEqual(['0:sample'])
  })

  it('shows a loading line under a node being fetched, then its children', () => {
    expect(labels(state([['sample', { status: 'fetching' }]], ['sample']))).toEqual(['0:sample', '1:(loading…)'])
    const ready = state(
      [
        ['sample', { status: 'ready', nodes: [database] }],
        ['sample/sample', { status: 'ready', nodes: [schema] }],
        ['sample/sample/main', { status: 'ready', nodes: [table('customers'), table('orders')] }],
      ],
      ['sample', 'sample/sample', 'sample/sample/main'],
    )
    expect(labels(ready)).toEqual([
      '0:sample',
      '1:sample/sample',
      '2:sample/sample/main',
      '3:sample/sample/main/customers',
      '3:sample/sample/main/orders',
    ])
  })

  it('keeps loaded children hidden when a node is collapsed', () => {
    const collapsed = state([['sample', { status: 'ready', nodes: [database] }]], [])
    expect(labels(collapsed)).toEqual(['0:sample'])
  })

  it('shows the error of a level that failed, and "empty" for an empty one', () => {
    const failed = state(
      [['sample', { status: 'error', error: { kind: 'connection', message: 'file is not a database' } }]],
      ['sample'],
    )
    const rows = flattenTree(failed)
    expect(rows[1]).toMatchObject({ type: 'status', isError: true, text: 'file is not a database' })
    expect(labels(state([['sample', { status: 'ready', nodes: [] }]], ['sample']))).toEqual(['0:sample', '1:(empty)'])
  })
})

describe('flattenTree with a filter', () => {
  const loaded: Array<[string, ChildrenState]> = [
    ['sample', { status: 'ready', nodes: [database] }],
    ['sample/sample', { status: 'ready', nodes: [schema] }],
    ['sample/sample/main', { status: 'ready', nodes: [table('customers'), table('orders'), table('order_items')] }],
  ]

  it('narrows every loaded level to the matches and their ancestors, opening collapsed ancestors', () => {
    // Nothing expanded: the matches still show, under their ancestors.
    expect(labels(state(loaded, [], 'ORDER'))).toEqual([
      '0:sample',
      '1:sample/sample',
      '2:sample/sample/main',
      '3:sample/sample/main/orders',
      '3:sample/sample/main/order_items',
    ])
  })

  it('keeps a matching parent without its unmatched children, and says when nothing matches', () => {
    expect(labels(state(loaded, ['sample', 'sample/sample', 'sample/sample/main'], 'mai'))).toEqual([
      '0:sample',
      '1:sample/sample',
      '2:sample/sample/main',
    ])
    expect(labels(state(loaded, [], 'zzz'))).toEqual(['0:(Nothing loaded matches “zzz”)'])
  })

  it('shows everything again when the filter is cleared', () => {
    expect(labels(state(loaded, ['sample'], '  '))).toEqual(['0:sample', '1:sample/sample'])
  })
})
