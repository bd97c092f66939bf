import { MAX_CLOSED_TABS } from '../../../shared/contract'
import type {
  EngineId,
  SavedDiagramTab,
  SavedQueryTab,
  SavedTab,
  SavedTableTab,
  SavedTabs,
  TableInfo,
} from '../../../shared/contract'
import { renamedTitle } from './tab-name'
import type { TableFilter } from './table-data-filter'

/** An open query tab: what is saved of it, and whether to run it as it opens. */
export type QueryTab = SavedQueryTab & {
  kind: 'query'
  /** Run the whole text as soon as the editor opens (a History entry re-run); never saved. */
  runOnOpen?: boolean
}
/** An open table tab: what is saved of it, and the filter a followed key opened it with. */
export type TableTab = SavedTableTab & {
  /** The Data view's filter when the tab was opened by following a key (a new object each time). */
  filter?: TableFilter
}
/** An open ER diagram tab. */
export type DiagramTab = SavedDiagramTab
export type Tab = QueryTab | TableTab | DiagramTab

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
  /** A saved query's file (and its name as the tab's title). */
  file?: QueryTab['file']
  title?: string
}

/** A closed tab, kept for "Reopen closed tab": what it was, and where it stood in the strip. */
export interface ClosedTab {
  tab: Tab
  index: number
}

export interface WorkspaceState {
  tabs: Tab[]
  activeId: string | null
  /** Recently closed tabs, most recent first (at most MAX_CLOSED_TABS). */
  closed: ClosedTab[]
}

/** Open tabs and which one is active. Plain TypeScript; React subscribes to it. */
export class WorkspaceStore {
  private state: WorkspaceState = { tabs: [], activeId: null, closed: [] }
  private readonly listeners = new Set<() => void>()
  private queryCounter = 0
  private closeGuard: ((tab: Tab, proceed: () => void) => boolean) | null = null

  getState = (): WorkspaceState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  openQuery(connectionId: string, engine: EngineId, sql = '', options: QueryOpenOptions = {}): void {
    if (!options.title) this.queryCounter += 1
    const tab: QueryTab = {
      kind: 'query',
      id: `query-${crypto.randomUUID()}`,
      title: options.title ?? `Query ${this.queryCounter}`,
      connectionId,
      engine,
      sql,
      ...(options.database ? { database: options.database } : {}),
      ...(options.run ? { runOnOpen: true } : {}),
      ...(options.file ? { file: options.file } : {}),
    }
    this.update({ tabs: [...this.state.tabs, tab], activeId: tab.id })
  }

  /** Puts back the tabs saved by the last session (before anything else is open), and its closed list. */
  restore(saved: SavedTabs): void {
    const tabs = saved.tabs.map(fromSaved)
    // New tabs number on from the highest "Query N" restored (closed ones included: reopening one keeps its name).
    const numbers = [...tabs, ...(saved.closed ?? []).map(fromSaved)].map((tab) =>
      Number(tab.kind === 'query' ? (/^Query (\d+)$/.exec(tab.title)?.[1] ?? 0) : 0),
    )
    this.queryCounter = Math.max(this.queryCounter, ...numbers)
    const activeId = tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : (tabs.at(-1)?.id ?? null)
    const open = new Set(this.state.tabs.map((tab) => tab.id))
    const closed = (saved.closed ?? []).map((tab) => ({ tab: fromSaved(tab), index: Number.MAX_SAFE_INTEGER }))
    this.update({
      tabs: [...tabs.filter((tab) => !open.has(tab.id)), ...this.state.tabs],
      activeId: this.state.activeId ?? activeId,
      closed: [...this.state.closed, ...closed].slice(0, MAX_CLOSED_TABS),
    })
  }

  /** The tabs as they are saved: query tabs (SQL, title, connection, database) and table tabs, in order; and the closed ones. */
  savedTabs(): SavedTabs {
    const tabs = this.state.tabs.map(toSaved)
    const activeId = tabs.some((tab) => tab.id === this.state.activeId) ? this.state.activeId : null
    return { tabs, activeId, closed: this.state.closed.map((entry) => toSaved(entry.tab)) }
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

  /** Opens the ER diagram of a schema (or of one table and its neighbours), or focuses it if open. */
  openDiagram(connectionId: string, engine: EngineId, database: string, schema: string, focus: string | null): void {
    const id = `diagram:${JSON.stringify([connectionId, database, schema, focus])}`
    if (this.state.tabs.some((tab) => tab.id === id)) return this.update({ activeId: id })
    const title = focus ? `ER · ${focus}` : `ER · ${schema || database}`
    const tab: DiagramTab = { kind: 'diagram', id, title, connectionId, engine, database, schema, focus }
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

  /**
   * Puts a closed tab back where it stood (the most recent one, or the one named), and makes it
   * active. A query tab comes back with its text, title and connection, under a new id (its session
   * was let go when it closed). False when there is nothing to reopen.
   */
  reopenClosed(id?: string): boolean {
    const entry = id === undefined ? this.state.closed[0] : this.state.closed.find((closed) => closed.tab.id === id)
    if (!entry) return false
    const closed = this.state.closed.filter((candidate) => candidate !== entry)
    // A table tab opened again from the tree since: just go to it.
    if (this.state.tabs.some((tab) => tab.id === entry.tab.id)) {
      this.update({ closed, activeId: entry.tab.id })
      return true
    }
    const tab: Tab = entry.tab.kind === 'query' ? { ...entry.tab, id: `query-${crypto.randomUUID()}` } : entry.tab
    const index = Math.min(entry.index, this.state.tabs.length)
    const tabs = [...this.state.tabs.slice(0, index), tab, ...this.state.tabs.slice(index)]
    this.update({ tabs, activeId: tab.id, closed })
    return true
  }

  private remove(id: string): void {
    const index = this.state.tabs.findIndex((tab) => tab.id === id)
    const removed = this.state.tabs[index]
    if (!removed) return
    const tabs = this.state.tabs.filter((tab) => tab.id !== id)
    const activeId =
      this.state.activeId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : this.state.activeId
    // Never discarded silently: the closed tab is kept for "Reopen closed tab" (never re-run on reopening).
    const kept = removed.kind === 'query' ? withoutRunOnOpen(removed) : removed
    const closed = [{ tab: kept, index }, ...this.state.closed.filter((entry) => entry.tab.id !== id)]
    this.update({ tabs, activeId, closed: closed.slice(0, MAX_CLOSED_TABS) })
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

const withoutRunOnOpen = ({ runOnOpen: _run, ...tab }: QueryTab): QueryTab => tab

/** A tab as it is saved (a query tab never keeps `runOnOpen`). */
function toSaved(tab: Tab): SavedTab {
  if (tab.kind === 'table' || tab.kind === 'diagram') return { ...tab }
  const { kind: _kind, runOnOpen: _run, ...rest } = tab
  return rest
}

/** A saved tab as the workspace holds it (a saved tab without a kind is a query tab). */
function fromSaved(saved: SavedTab): Tab {
  if (saved.kind === 'table' || saved.kind === 'diagram') return { ...saved }
  const { kind: _kind, ...rest } = saved
  return { kind: 'query', ...rest }
}
