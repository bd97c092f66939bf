import { useEffect, useState, useSyncExternalStore } from 'react'
import type { CSSProperties } from 'react'
import { SAMPLE_ENGINE } from '../../shared/contract'
import type { AppInfo, ConnectionSummary } from '../../shared/contract'
import { useApp } from './app-context'
import { ConnectionDialog } from './connections/connection-dialog'
import { ConnectionTransfer } from './connections/connection-transfer'
import { DeleteConnectionDialog } from './connections/delete-connection-dialog'
import { useConnectionList } from './connections/use-connection-list'
import { dropHint } from './connections/file-drop'
import { useFileDrop } from './connections/use-file-drop'
import { ShortcutsPanel } from './help/shortcuts-panel'
import { HistoryPanel } from './history/history-panel'
import { OpenAnythingDialog } from './open-anything/open-anything-dialog'
import { SavedQueriesPanel } from './queries/saved-queries-panel'
import { useGlobalKeys } from './help/use-global-keys'
import { CloseTransactionDialog } from './session/close-transaction-dialog'
import { StagedEditsDialog } from './edits/staged-edits-dialog'
import { SidebarEdge } from './layout/sidebar-edge'
import { TID } from './test-ids'
import { ThemeSwitch } from './theme/theme-switch'
import type { NodePlace } from './tree/tree-model'
import { TreePanel } from './tree/tree-panel'
import { colorOf } from './workspace/tab-title'
import { copyText } from './grid/clipboard'
import { QueryTabView } from './workspace/query-tab-view'
import { TabBar } from './workspace/tab-bar'
import { TabsSaveNotice } from './workspace/tabs-save-notice'
import { TableTabView } from './workspace/table-tab-view'
import { ErView } from './er/er-view'

/** The window: the object tree on the left, tabs of queries and tables on the right. */
export function App() {
  const { client, tree, workspace, tabsProblem, tabsJournal, catalogs, sessions, edits, theme, layout, savedQueries } =
    useApp()
  const state = useSyncExternalStore(workspace.subscribe, workspace.getState)
  const sizes = useSyncExternalStore(layout.subscribe, layout.getState)
  const { connections, error, problems, dismissProblems, reload } = useConnectionList(client, tree)
  const [disconnected, setDisconnected] = useState(false)
  // The connection dialog: undefined when closed, null for a new connection, else the id edited.
  const [editing, setEditing] = useState<string | null | undefined>(undefined)
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null)
  const [host, setHost] = useState<AppInfo['host'] | null>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [openAnything, setOpenAnything] = useState(false)
  const [tabsNotice, setTabsNotice] = useState(tabsProblem)
  const drop = useFileDrop({ client, tree, workspace, reload: () => reload() })
  useGlobalKeys({
    onHelp: () => setHelpOpen(true),
    onHistory: () => setHistoryOpen((open) => !open),
    onReopenTab: () => workspace.reopenClosed(),
    onOpenAnything: () => setOpenAnything(true),
  })

  useEffect(() => {
    void client.call('app.info', {}).then((result) => result.ok && setHost(result.value.host))
    const onLost = (): void => setDisconnected(true)
    document.addEventListener('quarry:disconnected', onLost)
    void reload().then(() => {
      const first = tree.getState().roots[0]
      if (first) void tree.expand(first)
    })
    return () => document.removeEventListener('quarry:disconnected', onLost)
  }, [client, reload, tree])

  const primary = connections[0]
  // + Query: on the node selected in the tree (its database too), the sample only when none is.
  const openQueryAt = (place: NodePlace | null, sql = '', run = false): void => {
    const selected = place ? connections.find((c) => c.id === place.connectionId) : undefined
    const connection = selected ?? connections.find((c) => c.builtIn) ?? primary
    if (!connection) return
    const database = selected && place?.database ? { database: place.database } : {}
    workspace.openQuery(connection.id, connection.engine, sql, { ...database, ...(run ? { run } : {}) })
  }
  return (
    <div
      className="app"
      data-testid={TID.app}
      data-sidebar={sizes.sidebarCollapsed ? 'collapsed' : 'open'}
      style={{ '--sidebar-width': `${sizes.sidebarCollapsed ? 0 : sizes.sidebarWidth}px` } as CSSProperties}
    >
      <aside className="sidebar">
        <div className="sidebar-header">
          <span className="brand">Quarry</span>
          <button
            data-testid={TID.newQuery}
            disabled={!primary}
            onClick={() => openQueryAt(tree.selectedPlace())}
            title="New SQL query on the connection (and database) selected in the tree"
          >
            + Query
          </button>
          <button data-testid={TID.newConnection} onClick={() => setEditing(null)} title="New connection">
            + Connection
          </button>
        </div>
        <div className="sidebar-tools">
          <ConnectionTransfer client={client} host={host} onImported={() => void reload()} />
          <button
            data-testid={TID.historyToggle}
            aria-pressed={historyOpen}
            onClick={() => setHistoryOpen(!historyOpen)}
            title="History of runs (Ctrl/Cmd+Shift+H)"
          >
            History
          </button>
          <button
            data-testid={TID.helpToggle}
            onClick={() => setHelpOpen(true)}
            title="Keyboard shortcuts (F1)"
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
          <ThemeSwitch controller={theme} />
        </div>
        {error ? (
          <div className="query-error" role="alert">
            {error.message}
          </div>
        ) : null}
        {problems.length > 0 ? (
          <div className="query-error" role="alert" data-testid={TID.connectionsProblem}>
            <span>Saved connections: {problems.join(' ')}</span>
            <button onClick={dismissProblems}>Dismiss</button>
          </div>
        ) : null}
        <TreePanel
          store={tree}
          handlers={{
            openTable: (node, view, fresh) => {
              const engine = connections.find((c) => c.id === node.connectionId)?.engine ?? SAMPLE_ENGINE
              // A new (empty) filter makes an open tab read its rows again.
              const filter = fresh ? { where: '', conditions: [] } : undefined
              workspace.openTable(node.connectionId, engine, node.database, node.table, view, filter)
            },
            newQuery: (place, sql, run) => openQueryAt(place, sql, run),
            openDiagram: (place, focus) => {
              const engine = connections.find((c) => c.id === place.connectionId)?.engine ?? SAMPLE_ENGINE
              workspace.openDiagram(place.connectionId, engine, place.database, place.schema, focus)
            },
            copy: (text) => void copyText(text),
          }}
          connectionActions={{
            onQuery: (connection) => workspace.openQuery(connection.id, connection.engine),
            onEdit: (connection) => setEditing(connection.id),
            onDelete: setDeleting,
          }}
        />
        <SavedQueriesPanel store={savedQueries} workspace={workspace} />
        {editing !== undefined ? (
          <ConnectionDialog
            client={client}
            connectionId={editing}
            wornColors={connections.map(colorOf)}
            onClose={() => setEditing(undefined)}
            onSaved={(summary) => {
              setEditing(undefined)
              // It may point at another server now: completion forgets what it loaded.
              catalogs.forget(summary.id)
              void reload(editing === null ? [] : [summary.id])
            }}
          />
        ) : null}
        {deleting ? (
          <DeleteConnectionDialog
            client={client}
            connection={deleting}
            onClose={() => setDeleting(null)}
            onDeleted={() => {
              catalogs.forget(deleting.id)
              setDeleting(null)
              void reload()
            }}
          />
        ) : null}
      </aside>
      <SidebarEdge layout={layout} />
      <main className="workspace">
        {disconnected ? (
          <div className="banner" role="alert">
            Disconnected from the Quarry server. Reload to reconnect.
          </div>
        ) : null}
        {drop.notice ? (
          <div className="banner" role="alert" data-testid={TID.fileDropNotice}>
            {drop.notice} <button onClick={drop.dismiss}>Dismiss</button>
          </div>
        ) : null}
        {tabsNotice ? (
          <div className="banner" role="alert" data-testid={TID.tabsProblem}>
            Saved query tabs: {tabsNotice} <button onClick={() => setTabsNotice(null)}>Dismiss</button>
          </div>
        ) : null}
        <TabsSaveNotice journal={tabsJournal} />
        <TabBar state={state} store={workspace} />
        {state.tabs.length === 0 ? (
          <div className="empty-workspace">
            Open a table from the tree, or start a{' '}
            <button onClick={() => openQueryAt(tree.selectedPlace())}>new query</button>.
          </div>
        ) : null}
        {state.tabs.map((tab) => (
          <section key={tab.id} className="tab-panel" hidden={tab.id !== state.activeId}>
            {tab.kind === 'query' ? (
              // Switched to another connection or database: a fresh editor state runs there.
              <QueryTabView
                key={`${tab.connectionId}|${tab.database ?? ''}`}
                tab={tab}
                active={tab.id === state.activeId}
              />
            ) : tab.kind === 'diagram' ? (
              <ErView tab={tab} active={tab.id === state.activeId} />
            ) : (
              <TableTabView tab={tab} active={tab.id === state.activeId} />
            )}
          </section>
        ))}
      </main>
      {drop.dragging ? (
        <div className="file-drop-target" data-testid={TID.fileDropTarget}>
          {dropHint(drop.takesPaths)}
        </div>
      ) : null}
      {historyOpen ? <HistoryPanel connections={connections} onClose={() => setHistoryOpen(false)} /> : null}
      {helpOpen ? <ShortcutsPanel onClose={() => setHelpOpen(false)} /> : null}
      {openAnything ? (
        <OpenAnythingDialog
          store={tree}
          onClose={() => setOpenAnything(false)}
          onPick={(target) => {
            void tree.reveal(target.path)
            const { node } = target
            if (node.kind !== 'table') return
            const engine = connections.find((c) => c.id === node.connectionId)?.engine ?? SAMPLE_ENGINE
            workspace.openTable(node.connectionId, engine, node.database, node.table)
          }}
        />
      ) : null}
      <CloseTransactionDialog sessions={sessions} />
      <StagedEditsDialog registry={edits} />
    </div>
  )
}
