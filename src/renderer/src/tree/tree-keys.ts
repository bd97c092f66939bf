import type { TreeRow } from './tree-flatten'
import type { TreeNode } from './tree-model'

/** What a key pressed in the tree does. */
export type TreeKeyAction =
  | { type: 'focus'; id: string }
  | { type: 'expand'; node: TreeNode }
  | { type: 'collapse'; node: TreeNode }
  | { type: 'open'; node: TreeNode }
  | { type: 'menu'; node: TreeNode }
  | { type: 'refresh'; node: TreeNode }

/** The key, as the tree reads it. */
export interface TreeKey {
  key: string
  shiftKey?: boolean
}

type NodeRow = Extract<TreeRow, { type: 'node' }>

/** How many rows PageUp/PageDown move. */
const PAGE = 10

/**
 * The WAI-ARIA tree pattern over the visible rows: Up/Down/Home/End/PageUp/PageDown move, Right
 * expands (then enters), Left collapses (then goes to the parent), Enter opens, the context-menu
 * key or Shift+F10 opens the menu, F5 refreshes. Null: the key is not the tree's.
 */
export function treeKeyAction(rows: readonly TreeRow[], selected: string | null, key: TreeKey): TreeKeyAction | null {
  const nodes = rows.filter((row): row is NodeRow => row.type === 'node')
  if (nodes.length === 0) return null
  const at = nodes.findIndex((row) => row.node.id === selected)
  const current = nodes[at]
  const focus = (index: number): TreeKeyAction | null => {
    const row = nodes[Math.max(0, Math.min(nodes.length - 1, index))]
    return row ? { type: 'focus', id: row.node.id } : null
  }
  // Nothing selected (or it scrolled out of the list): any move starts at the first row.
  if (!current) return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(key.key) ? focus(0) : null
  switch (key.key) {
    case 'ArrowDown':
      return focus(at + 1)
    case 'ArrowUp':
      return focus(at - 1)
    case 'Home':
      return focus(0)
    case 'End':
      return focus(nodes.length - 1)
    case 'PageDown':
      return focus(at + PAGE)
    case 'PageUp':
      return focus(at - PAGE)
    case 'ArrowRight':
      if (current.leaf) return null
      if (!current.expanded) return { type: 'expand', node: current.node }
      return nodes[at + 1]?.parentId === current.node.id ? focus(at + 1) : null
    case 'ArrowLeft':
      if (current.expanded) return { type: 'collapse', node: current.node }
      return current.parentId === null ? null : { type: 'focus', id: current.parentId }
    case 'Enter':
      return { type: 'open', node: current.node }
    case 'ContextMenu':
      return { type: 'menu', node: current.node }
    case 'F10':
      return key.shiftKey ? { type: 'menu', node: current.node } : null
    case 'F5':
      return { type: 'refresh', node: current.node }
    default:
      return null
  }
}
