import type { EngineId, TableInfo } from '../../../shared/contract'

export type QueryTab = { kind: 'query'; id: string; title: string; connectionId: string; engine: EngineId; sql: string }
export type TableTab = {
  kind: 'table'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  database: string
  table: TableInfo
  view: 'data' | 'structure'
}
export type Tab = QueryTab | TableTab

export interface WorkspaceState {
  tabs: Tab[]
  activeId: string | null
}

/** Open tabs and which one is active. Plain TypeScript; React subscribes to it. */
export class WorkspaceStore {
  private state: WorkspaceState = { tabs: [], activeId: null }
  private readonly listeners = new Set<() => void>()
  private queryCounter = 0

  getState = (): WorkspaceState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  openQuery(connectionId: string, engine: EngineId, sql = ''): void {
    this.queryCounter += 1
    const tab: QueryTab = {
      kind: 'query',
      id: `query-${this.queryCounter}`,
      title: `Query ${this.queryCounter}`,
      connectionId,
      engine,
      sql,
    }
    this.update({ tabs: [...this.state.tabs, tab], activeId: tab.id })
  }

  /** Opens a table's tab, or focuses it if it is already open. */
  openTable(
    connectionId: string,
    engine: EngineId,
    database: string,
    table: TableInfo,
    view: TableTab['view'] = 'data',
  ): void {
    const id = `table:${connectionId}/${database}/${table.schema}/${table.name}`
    const existing = this.state.tabs.find((tab) => tab.id === id)
    if (existing) return this.update({ activeId: id })
    const tab: TableTab = { kind: 'table', id, title: table.name, connectionId, engine, database, table, view }
    this.update({ tabs: [...this.state.tabs, tab], activeId: id })
  }

  activate(id: string): void {
    this.update({ activeId: id })
  }

  close(id: string): void {
    const index = this.state.tabs.findIndex((tab) => tab.id === id)
    const tabs = this.state.tabs.filter((tab) => tab.id !== id)
    const activeId =
      this.state.activeId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : this.state.activeId
    this.update({ tabs, activeId })
  }

  patch(id: string, patch: Partial<QueryTab> | Partial<TableTab>): void {
    this.update({ tabs: this.state.tabs.map((tab) => (tab.id === id ? ({ ...tab, ...patch } as Tab) : tab)) })
  }

  private update(patch: Partial<WorkspaceState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
