import type { CSSProperties } from 'react'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { engineDescriptor } from '../../../shared/contract'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import { switchTarget } from './switch-guard'
import { tabPlace, tabTitle } from './tab-title'
import type { QueryTab } from './workspace-store'
import type { TreeNode } from '../tree/tree-model'

/** The databases a connection's tree level lists: its own, then those in "All databases". */
const databaseNames = (node: TreeNode): string[] =>
  node.kind === 'database'
    ? [node.database]
    : node.kind === 'group' && node.role === 'databases'
      ? node.items.flatMap(databaseNames)
      : []

/**
 * Where a query tab runs, in its toolbar: the connection (in its colour) and the database, each a
 * select that moves the tab elsewhere, and the schema unqualified names resolve to. The databases
 * offered are the tree's when it has loaded them, else asked for once the tab is shown (restored
 * tabs in the background connect to nothing).
 */
export function TabTarget({ tab, active }: { tab: QueryTab; active: boolean }) {
  const { tree, workspace, client, sessions, edits } = useApp()
  const treeState = useSyncExternalStore(tree.subscribe, tree.getState)
  const connections = treeState.roots.flatMap((node) => (node.kind === 'connection' ? [node.connection] : []))
  const connection = connections.find((c) => c.id === tab.connectionId)
  const loaded = treeState.children.get(tab.connectionId)
  const treeDatabases = loaded?.status === 'ready' ? loaded.nodes.flatMap(databaseNames) : null
  const [fetched, setFetched] = useState<string[] | null>(null)
  const databases = treeDatabases ?? fetched
  const multiple = engineDescriptor(tab.engine).capabilities.multipleDatabases
  const needed = active && multiple && treeDatabases === null && fetched === null
  useEffect(() => {
    if (!needed) return
    let live = true
    void client.call('meta.databases', { connectionId: tab.connectionId }).then((result) => {
      if (live && result.ok) setFetched(result.value.map((db) => db.name))
    })
    return () => {
      live = false
    }
  }, [client, tab.connectionId, needed])
  const title = tabTitle(tab, connection, databases)
  const place = tabPlace(tab, connection, databases)
  const options = [...new Set([...(place.database ? [place.database] : []), ...(databases ?? [])])]

  const move = (connectionId: string, database?: string): void => {
    const target = connections.find((c) => c.id === connectionId)
    if (!target) return
    switchTarget(
      tab,
      sessions,
      () => workspace.retarget(tab.id, { connectionId, engine: target.engine, ...(database ? { database } : {}) }),
      edits,
    )
  }

  return (
    <span
      className="tab-target"
      data-testid={TID.tabTarget}
      data-color={title.color}
      style={{ '--tab-color': title.colorValue } as CSSProperties}
    >
      <span className="tab-target-dot" style={{ background: title.colorValue }} />
      <select
        data-testid={TID.tabConnectionSelect}
        aria-label="Connection this tab runs on"
        value={tab.connectionId}
        onChange={(event) => move(event.target.value)}
      >
        {connection ? null : <option value={tab.connectionId}>{title.connectionName}</option>}
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {multiple && options.length > 0 ? (
        <select
          data-testid={TID.tabDatabaseSelect}
          aria-label="Database this tab runs in"
          value={place.database ?? ''}
          onChange={(event) => move(tab.connectionId, event.target.value)}
        >
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      ) : place.database ? (
        <span className="tab-target-part">{place.database}</span>
      ) : null}
      {place.schema ? (
        <span className="tab-target-part" title="Schema unqualified names resolve to">
          {place.schema}
        </span>
      ) : null}
    </span>
  )
}
