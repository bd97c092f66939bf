import { describe, expect, it } from 'vitest'
import type { TreeRow } from './tree-flatten'
import { treeKeyAction } from './tree-keys'
import type { TreeNode } from './tree-model'

const schema: TreeNode = { kind: 'schema', id: 'c/db/main', connectionId: 'c', database: 'db', schema: 'main' }
const table = (name: string): TreeNode => ({
  kind: 'table',
  id: `c/db/main/${name}`,
  connectionId: 'c',
  database: 'db',
  table: { schema: 'main', name, kind: 'table', rowCount: null, rowCountExact: false },
})
const row = (node: TreeNode, depth: number, parentId: string | null, expanded = false, leaf = false): TreeRow => ({
  type: 'node',
  node,
  depth,
  expanded,
  leaf,
  parentId,
})
const rows: TreeRow[] = [
  row(schema, 0, null, true),
  row(table('a'), 1, schema.id),
  { type: 'status', id: 'x/#status', depth: 2, text: 'loading…', isError: false },
  row(table('b'), 1, schema.id),
]
const key = (k: string, shiftKey = false) => ({ key: k, shiftKey })

describe('treeKeyAction', () => {
  it('moves with Up/Down/Home/End over nodes (never onto status lines), clamped at the ends', () => {
    expect(treeKeyAction(rows, 'c/db/main/a', key('ArrowDown'))).toEqual({ type: 'focus', id: 'c/db/main/b' })
    expect(treeKeyAction(rows, 'c/db/main/b', key('ArrowDown'))).toEqual({ type: 'focus', id: 'c/db/main/b' })
    expect(treeKeyAction(rows, 'c/db/main/a', key('ArrowUp'))).toEqual({ type: 'focus', id: 'c/db/main' })
    expect(treeKeyAction(rows, 'c/db/main/a', key('End'))).toEqual({ type: 'focus', id: 'c/db/main/b' })
    expect(treeKeyAction(rows, 'c/db/main/b', key('Home'))).toEqual({ type: 'focus', id: 'c/db/main' })
  })

  it('starts at the first row when nothing is selected', () => {
    expect(treeKeyAction(rows, null, key('ArrowDown'))).toEqual({ type: 'focus', id: 'c/db/main' })
    expect(treeKeyAction(rows, null, key('Enter'))).toBeNull()
  })

  it('Right expands a closed node, then enters it; Left collapses an open one, then goes to the parent', () => {
    expect(treeKeyAction(rows, 'c/db/main/a', key('ArrowRight'))).toEqual({ type: 'expand', node: table('a') })
    expect(treeKeyAction(rows, 'c/db/main', key('ArrowRight'))).toEqual({ type: 'focus', id: 'c/db/main/a' })
    expect(treeKeyAction(rows, 'c/db/main', key('ArrowLeft'))).toEqual({ type: 'collapse', node: schema })
    expect(treeKeyAction(rows, 'c/db/main/b', key('ArrowLeft'))).toEqual({ type: 'focus', id: 'c/db/main' })
    expect(treeKeyAction(rows, 'c/db/main', key('ArrowLeft'))).toMatchObject({ type: 'collapse' })
  })

  it('leaves Right to a leaf alone, and Left on a root', () => {
    const leafRows = [row(schema, 0, null), row(table('a'), 1, schema.id, false, true)]
    expect(treeKeyAction(leafRows, 'c/db/main/a', key('ArrowRight'))).toBeNull()
    expect(treeKeyAction(leafRows, 'c/db/main', key('ArrowLeft'))).toBeNull()
  })

  it('Enter opens, the context-menu key and Shift+F10 open the menu, F5 refreshes', () => {
    expect(treeKeyAction(rows, 'c/db/main/a', key('Enter'))).toEqual({ type: 'open', node: table('a') })
    expect(treeKeyAction(rows, 'c/db/main/a', key('ContextMenu'))).toEqual({ type: 'menu', node: table('a') })
    expect(treeKeyAction(rows, 'c/db/main/a', key('F10', true))).toEqual({ type: 'menu', node: table('a') })
    expect(treeKeyAction(rows, 'c/db/main/a', key('F10'))).toBeNull()
    expect(treeKeyAction(rows, 'c/db/main/a', key('F5'))).toEqual({ type: 'refresh', node: table('a') })
  })
})
