import type { ConnectionSummary, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { ChildrenState, TreeNode, TreeState } from './tree-model'

/** Holds the tree's state and loads each level lazily the first time it is expanded. */
export class TreeStore {
  private state: TreeState = { roots: [], children: new Map(), expanded: new Set() }
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

  /** Reloads a node's children (after an error, or to refresh). */
  async refresh(node: TreeNode): Promise<void> {
    const children = new Map(this.state.children)
    children.delete(node.id)
    this.update({ children })
    await this.expand(node)
  }

  private async loadChildren(node: TreeNode): Promise<Result<TreeNode[]>> {
    const { client } = this
    switch (node.kind) {
      case 'connection': {
        const result = await client.call('meta.databases', { connectionId: node.id })
        return map(result, (items) =>
          items.map((db) => ({
            kind: 'database',
            id: `${node.id}/${db.name}`,
            connectionId: node.id,
            database: db.name,
          })),
        )
      }
      case 'database': {
        const { connectionId, database } = node
        const result = await client.call('meta.schemas', { connectionId, database })
        return map(result, (items) =>
          items.map((s) => ({ kind: 'schema', id: `${node.id}/${s.name}`, connectionId, database, schema: s.name })),
        )
      }
      case 'schema': {
        const { connectionId, database, schema } = node
        const result = await client.call('meta.tables', { connectionId, database, schema })
        return map(result, (items) =>
          items.map((table) => ({ kind: 'table', id: `${node.id}/${table.name}`, connectionId, database, table })),
        )
      }
      case 'table':
        return { ok: true, value: [] }
    }
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
