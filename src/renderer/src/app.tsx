import { useEffect, useState, useSyncExternalStore } from 'react'
import type { ConnectionSummary, QuarryError } from '../../shared/contract'
import { useApp } from './app-context'
import { TID } from './test-ids'
import { TreePanel } from './tree/tree-panel'
import { QueryTabView } from './workspace/query-tab-view'
import { TabBar } from './workspace/tab-bar'
import { TableTabView } from './workspace/table-tab-view'

/** The window: the object tree on the left, tabs of queries and tables on the right. */
export function App() {
  const { client, tree, workspace } = useApp()
  const state = useSyncExternalStore(workspace.subscribe, workspace.getState)
  const [connections, setConnections] = useState<ConnectionSummary[]>([])
  const [error, setError] = useState<QuarryError | null>(null)
  const [disconnected, setDisconnected] = useState(false)

  useEffect(() => {
    const onLost = (): void => setDisconnected(true)
    document.addEventListener('quarry:disconnected', onLost)
    void client.call('connections.list', {}).then((result) => {
      if (!result.ok) return setError(result.error)
      setConnections(result.value)
      tree.setConnections(result.value)
      const first = tree.getState().roots[0]
      if (first) void tree.expand(first)
    })
    return () => document.removeEventListener('quarry:disconnected', onLost)
  }, [client, tree])

  const primary = connections[0]
  return (
    <div className="app" data-testid={TID.app}>
      <aside className="sidebar">
        <div className="sidebar-header">
          <span className="brand">Quarry</span>
          <button
            data-testid={TID.newQuery}
            disabled={!primary}
            onClick={() => primary && workspace.openQuery(primary.id, primary.engine)}
            title="New SQL query"
          >
            + Query
          </button>
        </div>
        {error ? (
          <div className="query-error" role="alert">
            {error.message}
          </div>
        ) : null}
        <TreePanel
          store={tree}
          onOpenTable={(node) => {
            const engine = connections.find((c) => c.id === node.connectionId)?.engine ?? 'sqlite'
            workspace.openTable(node.connectionId, engine, node.database, node.table)
          }}
        />
      </aside>
      <main className="workspace">
        {disconnected ? (
          <div className="banner" role="alert">
            Disconnected from the Quarry server. Reload to reconnect.
          </div>
        ) : null}
        <TabBar state={state} store={workspace} />
        {state.tabs.length === 0 ? (
          <div className="empty-workspace">
            Open a table from the tree, or start a{' '}
            <button onClick={() => primary && workspace.openQuery(primary.id, primary.engine)}>new query</button>.
          </div>
        ) : null}
        {state.tabs.map((tab) => (
          <section key={tab.id} className="tab-panel" hidden={tab.id !== state.activeId}>
            {tab.kind === 'query' ? <QueryTabView tab={tab} /> : <TableTabView tab={tab} />}
          </section>
        ))}
      </main>
    </div>
  )
}
