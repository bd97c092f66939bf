import { engineDescriptor } from '../../../shared/contract'
import type { ConnectionSummary, Result, TableInfo } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { findNode, placeOf } from './tree-model'
import type { ChildrenState, NodePlace, TreeNode, TreeState } from './tree-model'

/** Holds the tree's state and loads each level lazily the first time it is expanded. */
export class TreeStore {
  private state: TreeState = { roots: [], children: new Map(), expanded: new Set(), selected: null }
  private readonly listeners = new Set<() => void>()

  constructor(private readonly client: QuarryClient) {}

  getState = (): TreeState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
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
    const current = this.state.children.get(node.id)?.status
    if (current === 'ready' || current === 'fetching') return
    this.setChildren(node.id, { status: 'fetching' })
    const result = await this.loadChildren(node)
    this.setChildren(
      node.id,
      result.ok ? { status: 'ready', nodes: result.value } : { status: 'error', error: result.error },
    )
  }

  /**
   * Expands a connection down to its first table (first database, then its schemas in order) and
   * selects it: what a file opened by a drop shows. Null when it has no table or a level fails.
   */
  async revealFirstTable(connectionId: string): Promise<Extract<TreeNode, { kind: 'table' }> | null> {
    const root = this.state.roots.find((node) => node.id === connectionId)
    if (!root) return null
    const found = await this.firstTableUnder(root, 3)
    if (found) this.update({ selected: found.id })
    return found
  }

  private async firstTableUnder(node: TreeNode, depth: number): Promise<Extract<TreeNode, { kind: 'table' }> | null> {
    if (node.kind === 'table') return node
    if (depth === 0 || node.kind === 'index') return null
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

  /** Where the selected node is (connection, database, schema), or null when nothing is selected. */
  selectedPlace(): NodePlace | null {
    const { selected } = this.state
    const node = selected === null ? undefined : findNode(this.state, selected)
    return node ? placeOf(node) : null
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

  private parentOf(node: TreeNode): TreeNode | undefined {
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

  private async loadChildren(node: TreeNode): Promise<Result<TreeNode[]>> {
    const { client } = this
    switch (node.kind) {
      case 'connection': {
        const result = await client.call('meta.databases', { connectionId: node.id })
        const flat = engineDescriptor(node.connection.engine)?.tree?.noSchemaLevel === true
        const expandable = engineDescriptor(node.connection.engine)?.tree?.indexesUnderTables === true
        if (expandable) this.expandableTables.add(node.id)
        return map(result, (items) =>
          items.map((db) => ({
            kind: 'database',
            id: `${node.id}/${db.name}`,
            connectionId: node.id,
            database: db.name,
            ...(flat ? { flat } : {}),
          })),
        )
      }
      case 'database': {
        const { connectionId, database } = node
        // No schema level: the database is its own one schema (the driver answers so).
        if (node.flat) return this.tables(node.id, connectionId, database, database)
        const result = await client.call('meta.schemas', { connectionId, database })
        return map(result, (items) =>
          items.map((s) => ({ kind: 'schema', id: `${node.id}/${s.name}`, connectionId, database, schema: s.name })),
        )
      }
      case 'schema':
        return this.tables(node.id, node.connectionId, node.database, node.schema)
      case 'table': {
        if (!node.expandable) return { ok: true, value: [] }
        const { connectionId, database, table } = node
        const result = await client.call('meta.tableSchema', {
          connectionId,
          database,
          schema: table.schema,
          table: table.name,
        })
        return map(result, (schema) =>
          schema.indexes.map((index) => ({
            kind: 'index',
            id: `${node.id}/${index.name}`,
            connectionId,
            database,
            table,
            index,
          })),
        )
      }
      case 'index':
        return { ok: true, value: [] }
    }
  }

  /** Connections whose tables open onto their indexes (by the engine's descriptor). */
  private readonly expandableTables = new Set<string>()

  private async tables(
    parentId: string,
    connectionId: string,
    database: string,
    schema: string,
  ): Promise<Result<TreeNode[]>> {
    const result = await this.client.call('meta.tables', { connectionId, database, schema })
    const expandable = this.expandableTables.has(connectionId)
    return map(result, (items: TableInfo[]) =>
      items.map((table) => ({
        kind: 'table',
        id: `${parentId}/${table.name}`,
        connectionId,
        database,
        table,
        ...(expandable && table.kind !== 'view' ? { expandable } : {}),
      })),
    )
  }

  private setChildren(id: string, children: ChildrenState): void {
    this.update({ children: new Map(this.state.children).set(id, children) })
  }

  private update(patch: Partial<TreeState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}

function map<T, U>(result: Result<T>, f: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: f(result.value) } : result
}
