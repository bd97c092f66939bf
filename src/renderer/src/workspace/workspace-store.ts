import type { EngineId, SavedTabs, TableInfo } from '../../../shared/contract'
import { renamedTitle } from './tab-name'
import type { TableFilter } from './table-data-filter'

export type QueryTab = {
  kind: 'query'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  sql: string
  /** The database it runs in (opened on, or switched to); absent: its connection's own. */
  database?: string
  /** Run the whole text as soon as the editor opens (a History entry re-run); never saved. */
  runOnOpen?: boolean
}
export type TableTab = {
  kind: 'table'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  database: string
  table: TableInfo
  view: 'data' | 'structure'
  /** The Data view's filter when the tab was opened by following a key (a new object each time). */
  filter?: TableFilter
}
export type Tab = QueryTab | TableTab

/** Where a query tab runs. */
export interface QueryTarget {
  connectionId: string
  engine: EngineId
  database?: string
}

/** How a new query tab opens: where it runs, and whether it runs at once. */
export interface QueryOpenOptions {
  run?: boolean
  database?: string
}

export interface WorkspaceState {
  tabs: Tab[]
  activeId: string | null
}

/** Open tabs and which one is active. Plain TypeScript; React subscribes to it. */
export class WorkspaceStore {
  private state: WorkspaceState = { tabs: [], activeId: null }
  private readonly listeners = new Set<() => void>()
  private queryCounter = 0
  private closeGuard: ((tab: Tab, proceed: () => void) => boolean) | null = null

  getState = (): WorkspaceState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  openQuery(connectionId: string, engine: EngineId, sql = '', options: QueryOpenOptions = {}): void {
    this.queryCounter += 1
    const tab: QueryTab = {
      kind: 'query',
      id: `query-${crypto.randomUUID()}`,
      title: `Query ${this.queryCounter}`,
      connectionId,
      engine,
      sql,
      ...(options.database ? { database: options.database } : {}),
      ...(options.run ? { runOnOpen: true } : {}),
    }
    this.update({ tabs: [...this.state.tabs, tab], activeId: tab.id })
  }

  /** Puts back the query tabs saved by the last session (before anything else is open). */
  restore(saved: SavedTabs): void {
    const tabs = saved.tabs.map((tab): QueryTab => ({ kind: 'query', ...tab }))
    // New tabs number on from the highest "Query N" restored.
    const numbers = tabs.map((tab) => Number(/^Query (\d+)$/.exec(tab.title)?.[1] ?? 0))
    this.queryCounter = Math.max(this.queryCounter, ...numbers)
    const activeId = tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : (tabs.at(-1)?.id ?? null)
    this.update({ tabs: [...tabs, ...this.state.tabs], activeId: this.state.activeId ?? activeId })
  }

  /** The query tabs as they are saved: SQL, title, connection and database, in order. */
  savedTabs(): SavedTabs {
    const tabs = this.state.tabs.flatMap((tab) =>
      tab.kind === 'query'
        ? [
            {
              id: tab.id,
              title: tab.title,
              connectionId: tab.connectionId,
              engine: tab.engine,
              sql: tab.sql,
              ...(tab.database ? { database: tab.database } : {}),
            },
          ]
        : [],
    )
    const activeId = tabs.some((tab) => tab.id === this.state.activeId) ? this.state.activeId : null
    return { tabs, activeId }
  }

  /**
   * Opens a table's tab, or focuses it if it is already open. With a filter (a followed key), its
   * Data view shows the rows matching it, in the open tab too.
   */
  openTable(
    connectionId: string,
    engine: EngineId,
    database: string,
    table: TableInfo,
    view: TableTab['view'] = 'data',
    filter?: TableFilter,
  ): void {
    const id = `table:${connectionId}/${database}/${table.schema}/${table.name}`
    const existing = this.state.tabs.find((tab) => tab.id === id)
    if (existing) {
      if (filter) this.patch(id, { view: 'data', filter })
      return this.update({ activeId: id })
    }
    const tab: TableTab = {
      kind: 'table',
      id,
      title: table.name,
      connectionId,
      engine,
      database,
      table,
      view: filter ? 'data' : view,
      ...(filter ? { filter } : {}),
    }
    this.update({ tabs: [...this.state.tabs, tab], activeId: id })
  }

  activate(id: string): void {
    this.update({ activeId: id })
  }

  /**
   * Asked before a tab closes: true lets it close now; false keeps it while the user is asked
   * (an open transaction), `proceed` closing it after the answer.
   */
  setCloseGuard(guard: (tab: Tab, proceed: () => void) => boolean): void {
    this.closeGuard = guard
  }

  close(id: string): void {
    const tab = this.state.tabs.find((candidate) => candidate.id === id)
    if (tab && this.closeGuard && !this.closeGuard(tab, () => this.remove(id))) return
    this.remove(id)
  }

  private remove(id: string): void {
    const index = this.state.tabs.findIndex((tab) => tab.id === id)
    const tabs = this.state.tabs.filter((tab) => tab.id !== id)
    const activeId =
      this.state.activeId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : this.state.activeId
    this.update({ tabs, activeId })
  }

  /** Gives a tab its own name (a blank one keeps the old name). */
  rename(id: string, text: string): void {
    const title = renamedTitle(text)
    if (title) this.patch(id, { title })
  }

  /** Points a query tab at another connection or database (the caller let its session go first: switchTarget). */
  retarget(id: string, target: QueryTarget): void {
    const tabs = this.state.tabs.map((tab): Tab => {
      if (tab.id !== id || tab.kind !== 'query') return tab
      const { database: _database, runOnOpen: _run, ...rest } = tab
      return {
        ...rest,
        connectionId: target.connectionId,
        engine: target.engine,
        ...(target.database ? { database: target.database } : {}),
      }
    })
    this.update({ tabs })
  }

  patch(id: string, patch: Partial<QueryTab> | Partial<TableTab>): void {
    this.update({ tabs: this.state.tabs.map((tab) => (tab.id === id ? ({ ...tab, ...patch } as Tab) : tab)) })
  }

  private update(patch: Partial<WorkspaceState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
