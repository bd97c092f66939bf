import { createRoot } from 'react-dom/client'
import { createQuarryClient } from './api/quarry-client'
import { App } from './app'
import { AppContext } from './app-context'
import { QueryEventRouter } from './query/query-events'
import { TreeStore } from './tree/tree-store'
import { WorkspaceStore } from './workspace/workspace-store'
import './styles.css'

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement)
  try {
    const client = await createQuarryClient()
    const value = {
      client,
      router: new QueryEventRouter(client),
      tree: new TreeStore(client),
      workspace: new WorkspaceStore(),
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
