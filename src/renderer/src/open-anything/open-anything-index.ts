import type { TreeNode } from '../tree/tree-model'
import type { TreeStore } from '../tree/tree-store'

/** Something Ctrl+P jumps to: a table or view, or a routine, sequence or trigger; with the nodes above it. */
export interface JumpTarget {
  node: Extract<TreeNode, { kind: 'table' | 'object' }>
  /** From the connection down to the node itself: what the tree opens to show it. */
  path: TreeNode[]
  name: string
  /** Where it is, for the list: schema · database · connection. */
  where: string
}

/** What the index holds, and what it had to leave out (said in the palette). */
export interface JumpIndex {
  targets: JumpTarget[]
  notes: string[]
}

/** Levels (databases, schemas) Ctrl+P may load per connection before it says the connection is too large. */
export const MAX_LOADS_PER_CONNECTION = 40
/** Names it gathers per connection at most. */
export const MAX_TARGETS_PER_CONNECTION = 50_000

/**
 * Gathers the tables, views and routines of the open connections (those whose level is loaded),
 * loading the levels still missing through the tree store (so nothing is loaded twice, and the
 * tree shows what was loaded for it). Bounded per connection: past its budget a connection is
 * searched as far as it is loaded, and a note says so.
 */
export async function buildJumpIndex(store: TreeStore, onProgress?: (index: JumpIndex) => void): Promise<JumpIndex> {
  const index: JumpIndex = { targets: [], notes: [] }
  const state = store.getState()
  const open = state.roots.filter((root) => state.children.get(root.id)?.status === 'ready')
  for (const root of open) {
    if (root.kind !== 'connection') continue
    let loads = 0
    let skipped = 0
    let found = 0
    // Breadth first: the profile's own database comes first, so it is searched before the budget runs out.
    const queue: TreeNode[][] = [[root]]
    while (queue.length > 0) {
      const path = queue.shift()!
      const node = path.at(-1)!
      const loaded = store.getState().children.get(node.id)?.status === 'ready'
      if (!loaded && node.kind !== 'group') {
        if (loads >= MAX_LOADS_PER_CONNECTION) {
          skipped += 1
          continue
        }
        loads += 1
      }
      const level = await store.load(node)
      if (level.status !== 'ready') continue
      for (const child of level.nodes) {
        if (child.kind === 'table' || child.kind === 'object') {
          if (found >= MAX_TARGETS_PER_CONNECTION) continue
          found += 1
          index.targets.push({
            node: child,
            path: [...path, child],
            name: child.kind === 'table' ? child.table.name : child.object.name,
            where: whereOf(path),
          })
        } else if (child.kind === 'database' || child.kind === 'schema' || isCatalogGroup(child)) {
          queue.push([...path, child])
        }
      }
      onProgress?.(index)
    }
    const name = root.connection.name
    if (skipped > 0) {
      index.notes.push(
        `${name} is too large to search whole: ${skipped} more databases or schemas were not loaded (past ${MAX_LOADS_PER_CONNECTION}). Open them in the tree to include them.`,
      )
    }
    if (found >= MAX_TARGETS_PER_CONNECTION)
      index.notes.push(
        `${name}: only the first ${MAX_TARGETS_PER_CONNECTION.toLocaleString('en-US')} names are searched.`,
      )
  }
  return index
}

/** Groups that hold databases or schema objects (not a table's indexes or keys). */
const isCatalogGroup = (node: TreeNode): boolean =>
  node.kind === 'group' && node.role !== 'indexes' && node.role !== 'foreign-keys'

function whereOf(path: TreeNode[]): string {
  const parts: string[] = []
  for (const node of [...path].reverse()) {
    if (node.kind === 'schema') parts.push(node.schema)
    else if (node.kind === 'database') parts.push(node.database)
    else if (node.kind === 'connection') parts.push(node.connection.name)
  }
  return parts.join(' · ')
}
