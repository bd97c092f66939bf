import { createRoot } from 'react-dom/client'
import { createQuarryClient } from './api/quarry-client'
import { EditRegistry } from './edits/edit-registry'
import { App } from './app'
import { AppContext } from './app-context'
import { SchemaCatalogs } from './editor/completion/schema-catalogs'
import { LayoutStore } from './layout/layout-store'
import { QueryEventRouter } from './query/query-events'
import { SavedQueriesStore } from './queries/saved-queries-store'
import { SessionStore } from './session/session-store'
import { ThemeController } from './theme/theme-controller'
import { TreeStore } from './tree/tree-store'
import { TabPersistence } from './workspace/tab-persistence'
import { WorkspaceStore } from './workspace/workspace-store'
import './theme/palette.css'
import './styles.css'
import './editor-tools.css'
import './layout/layout.css'
import './queries/saved-queries.css'
import './import/import-dialog.css'

/** Storage for settings, if the page may use it (a locked-down profile may refuse). */
function settingsStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

// The theme is on <html> before React renders anything: no flash of the other theme.
const theme = new ThemeController(
  document.documentElement,
  settingsStorage(),
  globalThis.matchMedia?.('(prefers-color-scheme: dark)'),
)
const layout = new LayoutStore(settingsStorage())

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement)
  try {
    const client = await createQuarryClient()
    const tree = new TreeStore(client)
    const workspace = new WorkspaceStore()
    // The query tabs of the last session come back before the first paint.
    const saved = await client.call('tabs.load', {})
    if (saved.ok) workspace.restore(saved.value)
    const persistence = new TabPersistence(client, workspace, (error) =>
      console.error('Saving query tabs:', error.message),
    )
    window.addEventListener('pagehide', () => void persistence.flush())
    // A tab's open transaction is never discarded unasked: closing it asks, and so does leaving.
    const sessions = new SessionStore(client)
    // Staged edits are never dropped unasked either: a table tab with some asks before it closes.
    const edits = new EditRegistry()
    workspace.setCloseGuard((tab, proceed) => {
      const release = () => sessions.release(tab, proceed)
      const afterDiscard = () => {
        if (release()) proceed()
      }
      return edits.guardClose(tab.id, tab.title, afterDiscard) && release()
    })
    window.addEventListener('beforeunload', (event) => {
      if (sessions.openCount() > 0 || edits.stagedCount() > 0) event.preventDefault()
    })
    const value = {
      client,
      router: new QueryEventRouter(client),
      tree,
      workspace,
      sessions,
      edits,
      catalogs: new SchemaCatalogs(client, tree),
      tabsProblem: saved.ok ? saved.value.problem : saved.error.message,
      tabsJournal: persistence,
      theme,
      layout,
      savedQueries: new SavedQueriesStore(client, workspace, () =>
        tree.getState().roots.flatMap((root) => (root.kind === 'connection' ? [root.connection] : [])),
      ),
    }
    root.render(
      // No StrictMode: query runs and their server-side streams are owned by mounted components,
      // and a simulated unmount would cancel them.
      <AppContext.Provider value={value}>
        <App />
      </AppContext.Provider>,
    )
  } catch (error) {
    root.render(
      <div className="fatal">Quarry could not start: {error instanceof Error ? error.message : String(error)}</div>,
    )
  }
}

void start()
