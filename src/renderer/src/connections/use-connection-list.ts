import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { QuarryClient } from '../api/quarry-client'
import type { TreeStore } from '../tree/tree-store'

/**
 * The connections the app knows, read from the tree store (which holds them once). `reload(changed)`
 * fetches the list again after a save or delete; `changed` names the edited connections whose tree
 * levels reload.
 */
export function useConnectionList(client: QuarryClient, tree: TreeStore) {
  const state = useSyncExternalStore(tree.subscribe, tree.getState)
  // A new array only when the roots change, so effects keyed on it do not rerun on every expand.
  const { roots } = state
  const connections = useMemo(
    () => roots.flatMap((node) => (node.kind === 'connection' ? [node.connection] : [])),
    [roots],
  )
  const [problems, setProblems] = useState<string[]>([])
  const reload = useCallback((changed: readonly string[] = []) => tree.reloadConnections(changed), [tree])

  // Saved connections that could not be read at start-up are said once, not silently dropped.
  useEffect(() => {
    void client
      .call('connections.status', {})
      .then((result) => result.ok && setProblems(result.value.problems.map((p) => p.message)))
  }, [client])

  return { connections, error: state.connectionsError, problems, dismissProblems: () => setProblems([]), reload }
}
