import type { ConnectionSummary, IndexInfo, QuarryError, TableInfo } from '../../../shared/contract'

/** The kinds of node in the object tree. Ids are paths, so they are unique and stable. */
export type TreeNode =
  | { kind: 'connection'; id: string; connection: ConnectionSummary }
  /** `flat`: the engine has no schema level, the database holds its tables (MongoDB's collections). */
  | { kind: 'database'; id: string; connectionId: string; database: string; flat?: boolean }
  | { kind: 'schema'; id: string; connectionId: string; database: string; schema: string }
  /** `expandable`: the table opens onto its indexes (MongoDB). */
  | { kind: 'table'; id: string; connectionId: string; database: string; table: TableInfo; expandable?: boolean }
  | { kind: 'index'; id: string; connectionId: string; database: string; table: TableInfo; index: IndexInfo }

/** Load status of one node's children: initial → fetching → ready | error. */
export type ChildrenState =
  | { status: 'initial' }
  | { status: 'fetching' }
  | { status: 'ready'; nodes: TreeNode[] }
  | { status: 'error'; error: QuarryError }

export interface TreeState {
  roots: TreeNode[]
  children: ReadonlyMap<string, ChildrenState>
  expanded: ReadonlySet<string>
  /** The node shown as selected (a table opened from a dropped file), if any. */
  selected?: string
}

/** One visible line of the tree: a node, or a status line under an expanded node. */
export type TreeRow =
  | { type: 'node'; node: TreeNode; depth: number; expanded: boolean; leaf: boolean }
  | { type: 'status'; id: string; depth: number; text: string; isError: boolean }

export const isLeaf = (node: TreeNode): boolean => node.kind === 'index' || (node.kind === 'table' && !node.expandable)

/** Flattens the expanded part of the tree into the list the virtualised panel renders. */
export function flattenTree(state: TreeState): TreeRow[] {
  const rows: TreeRow[] = []
  const visit = (node: TreeNode, depth: number): void => {
    const expanded = state.expanded.has(node.id)
    rows.push({ type: 'node', node, depth, expanded, leaf: isLeaf(node) })
    if (!expanded) return
    const children = state.children.get(node.id) ?? { status: 'initial' }
    if (children.status === 'ready') {
      if (children.nodes.length === 0) rows.push(statusRow(node, depth, 'empty', false))
      for (const child of children.nodes) visit(child, depth + 1)
    } else if (children.status === 'error') {
      rows.push(statusRow(node, depth, children.error.message, true))
    } else {
      rows.push(statusRow(node, depth, 'loading…', false))
    }
  }
  for (const root of state.roots) visit(root, 0)
  return rows
}

const statusRow = (node: TreeNode, depth: number, text: string, isError: boolean): TreeRow => ({
  type: 'status',
  id: `${node.id}/#status`,
  depth: depth + 1,
  text,
  isError,
})

export const nodeLabel = (node: TreeNode): string => {
  switch (node.kind) {
    case 'connection':
      return node.connection.name
    case 'database':
      return node.database
    case 'schema':
      return node.schema
    case 'table':
      return node.table.name
    case 'index':
      return node.index.name
  }
}
