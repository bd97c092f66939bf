import { isLeaf, nodeLabel } from './tree-model'
import type { TreeNode, TreeState } from './tree-model'

/** One visible line of the tree: a node, or a status line under an expanded node. */
export type TreeRow =
  | { type: 'node'; node: TreeNode; depth: number; expanded: boolean; leaf: boolean; parentId: string | null }
  | { type: 'status'; id: string; depth: number; text: string; isError: boolean }

/** Whether a name passes the filter box: it contains the text, ignoring case. */
export const matchesFilter = (label: string, filter: string): boolean =>
  label.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase())

/**
 * Flattens the expanded part of the tree into the list the virtualised panel renders. With a
 * filter, every loaded level narrows to the nodes whose name contains it and their ancestors
 * (shown open, whether or not they were expanded); nothing is loaded for it.
 */
export function flattenTree(state: TreeState): TreeRow[] {
  const filter = state.filter.trim()
  const rows: TreeRow[] = []
  const loaded = (node: TreeNode): TreeNode[] => {
    const children = state.children.get(node.id)
    return children?.status === 'ready' ? children.nodes : []
  }
  // Filtering: which nodes stay (they match, or something loaded below them does).
  const keeps = new Map<string, boolean>()
  const keep = (node: TreeNode): boolean => {
    const known = keeps.get(node.id)
    if (known !== undefined) return known
    keeps.set(node.id, false)
    const below = loaded(node).map(keep).includes(true)
    const result = matchesFilter(nodeLabel(node), filter) || below
    keeps.set(node.id, result)
    return result
  }
  const visit = (node: TreeNode, depth: number, parentId: string | null): void => {
    const leaf = isLeaf(node)
    if (filter) {
      if (!keep(node)) return
      const open = !leaf && (state.expanded.has(node.id) || loaded(node).some(keep))
      rows.push({ type: 'node', node, depth, expanded: open, leaf, parentId })
      if (open) for (const child of loaded(node)) visit(child, depth + 1, node.id)
      return
    }
    const expanded = !leaf && state.expanded.has(node.id)
    rows.push({ type: 'node', node, depth, expanded, leaf, parentId })
    if (!expanded) return
    const children = state.children.get(node.id) ?? { status: 'initial' }
    if (children.status === 'ready') {
      if (children.nodes.length === 0) rows.push(statusRow(node, depth, 'empty', false))
      for (const child of children.nodes) visit(child, depth + 1, node.id)
    } else if (children.status === 'error') {
      rows.push(statusRow(node, depth, children.error.message, true))
    } else {
      rows.push(statusRow(node, depth, 'loading…', false))
    }
  }
  for (const root of state.roots) visit(root, 0, null)
  if (filter && rows.length === 0) {
    rows.push({ type: 'status', id: '#no-match', depth: 0, text: `Nothing loaded matches “${filter}”`, isError: false })
  }
  return rows
}

const statusRow = (node: TreeNode, depth: number, text: string, isError: boolean): TreeRow => ({
  type: 'status',
  id: `${node.id}/#status`,
  depth: depth + 1,
  text,
  isError,
})
