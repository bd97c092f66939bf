import { useCallback, useEffect, useState } from 'react'
import type { ConnectionSummary, QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { TreeStore } from '../tree/tree-store'

/**
 * The connections the app knows, kept in step with the tree. `reload(changed)` fetches the list
 * again after a save or delete; `changed` names the edited connections whose tree levels reload.
 */
export function useConnectionList(client: QuarryClient, tree: TreeStore) {
  const [connections, setConnections] = useState<ConnectionSummary[]>([])
  const [error, setError] = useState<QuarryError | null>(null)
  const [problems, setProblems] = useState<string[]>([])

  const reload = useCallback(
    async (changed: readonly string[] = []): Promise<void> => {
      const result = await client.call('connections.list', {})
      if (!result.ok) return setError(result.error)
      setError(null)
      setConnections(result.value)
      tree.setConnections(result.value, changed)
    },
    [client, tree],
  )

  // Saved connections that could not be read at start-up are said once, not silently dropped.
  useEffect(() => {
    void client
      .call('connections.status', {})
      .then((result) => result.ok && setProblems(result.value.problems.map((p) => p.message)))
  }, [client])

  return { connections, error, problems, dismissProblems: () => setProblems([]), reload }
}
