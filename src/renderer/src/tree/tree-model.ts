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
  /** The node the user last clicked or focused, or a table opened from a dropped file (+ Query opens on it). */
  selected: string | null
}

/** Where a node is: its connection, and its database and schema where it has them. */
export interface NodePlace {
  connectionId: string
  database?: string
  schema?: string
}

/** A node of the tree by id, among the roots and the loaded levels. */
export function findNode(state: TreeState, id: string): TreeNode | undefined {
  const root = state.roots.find((node) => node.id === id)
  if (root) return root
  for (const children of state.children.values()) {
    if (children.status !== 'ready') continue
    const found = children.nodes.find((node) => node.id === id)
    if (found) return found
  }
  return undefined
}

/** The connection, database and schema a node belongs to. */
export function placeOf(node: TreeNode): NodePlace {
  switch (node.kind) {
    case 'connection':
      return { connectionId: node.id }
    case 'database':
      return { connectionId: node.connectionId, database: node.database }
    case 'schema':
      return { connectionId: node.connectionId, database: node.database, schema: node.schema }
    case 'table':
    case 'index':
      return { connectionId: node.connectionId, database: node.database, schema: node.table.schema }
  }
}

/** The connection a node belongs to. */
export const connectionIdOf = (node: TreeNode): string => (node.kind === 'connection' ? node.id : node.connectionId)

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
