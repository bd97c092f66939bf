import type { ConnectionSummary, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { loadChildren } from './tree-loader'
import { findNode, placeOf } from './tree-model'
import type { ChildrenState, NodePlace, TableNode, TreeNode, TreeState } from './tree-model'

/**
 * Holds the connections and the tree's state, and loads each level lazily, once: a level being
 * loaded is awaited, not asked for again, whoever asks (an expand, Ctrl+P, a reveal).
 */
/** A file dropped on a tree node to import: its path (desktop) or the file itself (browser mode uploads it). */
export interface ImportRequest {
  nodeId: string
  path?: string
  file?: File
}

export class TreeStore {
  private state: TreeState = {
    roots: [],
    children: new Map(),
    expanded: new Set(),
    selected: null,
    filter: '',
    connectionsError: null,
  }
  private readonly listeners = new Set<() => void>()
  private readonly pending = new Map<string, Promise<void>>()

  private importListener: ((request: ImportRequest) => void) | null = null

  constructor(private readonly client: QuarryClient) {}

  /** A data file dropped on a node: the tree panel opens the import dialog on it. */
  requestImport(request: ImportRequest): boolean {
    if (!this.importListener || !findNode(this.state, request.nodeId)) return false
    this.importListener(request)
    return true
  }

  onImportRequest(listener: (request: ImportRequest) => void): () => void {
    this.importListener = listener
    return () => {
      if (this.importListener === listener) this.importListener = null
    }
  }

  getState = (): TreeState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The saved (and built-in) connections, in the tree's order: the app's one list of them. */
  connections(): ConnectionSummary[] {
    return this.state.roots.flatMap((node) => (node.kind === 'connection' ? [node.connection] : []))
  }

  /** Reads the connection list again (after a save, delete or import); `changed` names edited ones. */
  async reloadConnections(changed: readonly string[] = []): Promise<void> {
    const result = await this.client.call('connections.list', {})
    if (!result.ok) return this.update({ connectionsError: result.error })
    this.update({ connectionsError: null })
    this.setConnections(result.value, changed)
  }

  /**
   * Sets the root connections, keeping what was expanded and loaded. Removed connections and the
   * `changed` ones (edited: they may point elsewhere now) lose their loaded levels; a changed one
   * that was open stays open and loads again.
   */
  setConnections(connections: ConnectionSummary[], changed: readonly string[] = []): void {
    const roots: TreeNode[] = connections.map((connection) => ({ kind: 'connection', id: connection.id, connection }))
    const current = new Set(connections.map((connection) => connection.id))
    // Node ids are paths that start with their connection's id.
    const rootOf = (id: string): string => id.split('/')[0] ?? id
    const keep = (id: string): boolean => current.has(rootOf(id)) && !changed.includes(rootOf(id))
    const children = new Map([...this.state.children].filter(([id]) => keep(id)))
    const expanded = new Set(
      [...this.state.expanded].filter((id) => keep(id) || (current.has(id) && id === rootOf(id))),
    )
    this.update({ roots, children, expanded })
    for (const root of roots) if (expanded.has(root.id) && !children.has(root.id)) void this.expand(root)
  }

  toggle(node: TreeNode): void {
    if (this.state.expanded.has(node.id)) return this.collapse(node)
    void this.expand(node)
  }

  collapse(node: TreeNode): void {
    const expanded = new Set(this.state.expanded)
    expanded.delete(node.id)
    this.update({ expanded })
  }

  async expand(node: TreeNode): Promise<void> {
    this.update({ expanded: new Set(this.state.expanded).add(node.id) })
    await this.load(node)
  }

  /** Loads a node's children unless they are loaded or loading (then waits for that load); expands nothing. */
  async load(node: TreeNode): Promise<ChildrenState> {
    const status = this.state.children.get(node.id)?.status
    if (status !== 'ready') {
      let loading = this.pending.get(node.id)
      if (!loading) {
        this.setChildren(node.id, { status: 'fetching' })
        loading = this.fill(node).finally(() => this.pending.delete(node.id))
        this.pending.set(node.id, loading)
      }
      await loading
    }
    return this.state.children.get(node.id) ?? { status: 'initial' }
  }

  private async fill(node: TreeNode): Promise<void> {
    const result = await this.loadChildren(node)
    this.setChildren(
      node.id,
      result.ok ? { status: 'ready', nodes: result.value } : { status: 'error', error: result.error },
    )
  }

  /** Opens every node of a path (root first) and selects its last node: where Ctrl+P jumped. */
  async reveal(path: readonly TreeNode[]): Promise<void> {
    const target = path.at(-1)
    if (!target) return
    for (const node of path.slice(0, -1)) await this.expand(node)
    this.update({ selected: target.id, filter: '' })
  }

  /**
   * Expands a connection down to its first table (first database, then its schemas in order) and
   * selects it: what a file opened by a drop shows. Null when it has no table or a level fails.
   */
  async revealFirstTable(connectionId: string): Promise<TableNode | null> {
    const root = this.state.roots.find((node) => node.id === connectionId)
    if (!root) return null
    const found = await this.firstTableUnder(root, 3)
    if (found) this.update({ selected: found.id })
    return found
  }

  private async firstTableUnder(node: TreeNode, depth: number): Promise<TableNode | null> {
    if (node.kind === 'table') return node
    if (depth === 0 || (node.kind !== 'connection' && node.kind !== 'database' && node.kind !== 'schema')) return null
    await this.expand(node)
    const children = this.state.children.get(node.id)
    if (children?.status !== 'ready') return null
    // The first database only (the opened one); every schema of it, in order.
    const candidates = node.kind === 'connection' ? children.nodes.slice(0, 1) : children.nodes
    for (const child of candidates) {
      const table = await this.firstTableUnder(child, depth - 1)
      if (table) return table
      if (child.kind !== 'table' && this.state.expanded.has(child.id)) this.collapse(child)
    }
    return null
  }

  /** Reloads a node's children (after an error, or to refresh). */
  async refresh(node: TreeNode): Promise<void> {
    const children = new Map(this.state.children)
    children.delete(node.id)
    this.update({ children })
    await this.expand(node)
  }

  /** Marks the node the user clicked or focused. */
  select(id: string | null): void {
    if (this.state.selected !== id) this.update({ selected: id })
  }

  /** Narrows every loaded level to the names containing `text` ('' shows everything). */
  setFilter(text: string): void {
    if (this.state.filter !== text) this.update({ filter: text })
  }

  /** Where the selected node is (connection, database, schema), or null when nothing is selected. */
  selectedPlace(): NodePlace | null {
    const { selected } = this.state
    const node = selected === null ? undefined : findNode(this.state, selected)
    return node ? placeOf(node) : null
  }

  /** Shows an exact row count (Count rows) on a table's row, in place of the estimate. */
  setExactCount(node: TableNode, count: number): void {
    const children = new Map(this.state.children)
    for (const [id, level] of children) {
      if (level.status !== 'ready' || !level.nodes.some((n) => n.id === node.id)) continue
      const nodes = level.nodes.map((n) =>
        n.id === node.id && n.kind === 'table'
          ? { ...n, table: { ...n.table, rowCount: count, rowCountExact: true } }
          : n,
      )
      children.set(id, { status: 'ready', nodes })
    }
    this.update({ children })
  }

  /**
   * Loads again what is loaded under a node (the level it shows, and every loaded level below),
   * keeping what is expanded and selected; a leaf refreshes the level it is in. The old rows stay
   * on screen until the new ones arrive; levels under nodes that are gone are forgotten.
   */
  async refreshLoaded(node: TreeNode): Promise<void> {
    const start = this.state.children.has(node.id) ? node : this.parentOf(node)
    if (!start) return
    await this.reloadUnder(start)
    this.prune()
  }

  /** Refreshes every loaded level of a connection (after a run changed its catalog). */
  async refreshConnection(connectionId: string): Promise<void> {
    const root = this.state.roots.find((node) => node.id === connectionId)
    if (root && this.state.children.has(root.id)) await this.refreshLoaded(root)
  }

  private async reloadUnder(node: TreeNode): Promise<void> {
    if (!this.state.children.has(node.id)) return
    const result = await this.loadChildren(node)
    this.setChildren(
      node.id,
      result.ok ? { status: 'ready', nodes: result.value } : { status: 'error', error: result.error },
    )
    if (!result.ok) return
    await Promise.all(result.value.map((child) => this.reloadUnder(child)))
  }

  /** A loaded table node by its place and name (an import's new table, after a refresh), or null. */
  findTable(connectionId: string, database: string, name: string): TableNode | null {
    for (const level of this.state.children.values()) {
      if (level.status !== 'ready') continue
      for (const n of level.nodes)
        if (n.kind === 'table' && n.connectionId === connectionId && n.database === database && n.table.name === name)
          return n
    }
    return null
  }

  /** The node whose loaded level holds this one (undefined for a root, or a node no longer loaded). */
  parentOf(node: TreeNode): TreeNode | undefined {
    for (const [id, children] of this.state.children) {
      if (children.status === 'ready' && children.nodes.some((child) => child.id === node.id))
        return findNode(this.state, id)
    }
    return undefined
  }

  /** Forgets loaded levels, expansion and selection of nodes no longer in the tree (dropped). */
  private prune(): void {
    const reachable = new Set<string>()
    const visit = (node: TreeNode): void => {
      reachable.add(node.id)
      const children = this.state.children.get(node.id)
      if (children?.status === 'ready') children.nodes.forEach(visit)
    }
    this.state.roots.forEach(visit)
    const children = new Map([...this.state.children].filter(([id]) => reachable.has(id)))
    const expanded = new Set([...this.state.expanded].filter((id) => reachable.has(id)))
    const { selected } = this.state
    this.update({ children, expanded, selected: selected !== null && reachable.has(selected) ? selected : null })
  }

  private loadChildren(node: TreeNode): Promise<Result<TreeNode[]>> {
    return loadChildren(this.client, node)
  }

  private setChildren(id: string, children: ChildrenState): void {
    this.update({ children: new Map(this.state.children).set(id, children) })
  }

  private update(patch: Partial<TreeState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
