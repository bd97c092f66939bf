import { createContext, useContext } from 'react'
import type { QuarryClient } from './api/quarry-client'
import type { EditRegistry } from './edits/edit-registry'
import type { SchemaCatalogs } from './editor/completion/schema-catalogs'
import type { LayoutStore } from './layout/layout-store'
import type { SavedQueriesStore } from './queries/saved-queries-store'
import type { QueryEventRouter } from './query/query-events'
import type { SessionStore } from './session/session-store'
import type { ThemeController } from './theme/theme-controller'
import type { TreeStore } from './tree/tree-store'
import type { TabPersistence } from './workspace/tab-persistence'
import type { WorkspaceStore } from './workspace/workspace-store'

/** The app's long-lived objects, created once at start-up. */
export interface AppContextValue {
  client: QuarryClient
  router: QueryEventRouter
  tree: TreeStore
  workspace: WorkspaceStore
  /** The query tabs' server sessions (transaction state, Commit/Rollback). */
  sessions: SessionStore
  /** Table tabs' staged edits (asked about before they could be lost). */
  edits: EditRegistry
  /** Schema metadata for completion, per connection. */
  catalogs: SchemaCatalogs
  /** Why the saved query tabs could not be read at start-up, if they could not. */
  tabsProblem: string | null
  /** The tabs journal (saved as typed); says when its saves fail. */
  tabsJournal: TabPersistence
  /** Light, dark or the OS's choice. */
  theme: ThemeController
  /** Sidebar and editor/results sizes. */
  layout: LayoutStore
  /** The queries folder's .sql files, opened into and saved from query tabs. */
  savedQueries: SavedQueriesStore
}

export const AppContext = createContext<AppContextValue | null>(null)

export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useApp outside AppContext')
  return value
}
