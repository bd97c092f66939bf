import { useSyncExternalStore } from 'react'
import type { ConnectionSummary } from '../../../shared/contract'
import type { TreeStore } from '../tree/tree-store'

/** A connection's summary as the tree holds it (follows edits), or undefined. */
export function useConnectionSummary(tree: TreeStore, connectionId: string): ConnectionSummary | undefined {
  const state = useSyncExternalStore(tree.subscribe, tree.getState)
  const root = state.roots.find((node) => node.kind === 'connection' && node.id === connectionId)
  return root?.kind === 'connection' ? root.connection : undefined
}
