import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { CONNECTION_COLOR_VALUES } from '../../../shared/contract'
import { ContextMenu } from '../common/context-menu'
import type { MenuItem } from '../common/context-menu'
import { ConnectionRowActions } from '../connections/connection-row-actions'
import { ConnectionBadges } from '../safety/connection-badges'
import type { ConnectionRowHandlers } from '../connections/connection-row-actions'
import { TID } from '../test-ids'
import { colorOf } from '../workspace/tab-title'
import { findNode, flattenTree, nodeLabel, placeOf } from './tree-model'
import type { NodePlace, TreeNode, TreeRow } from './tree-model'
import type { TreeStore } from './tree-store'

const ROW_HEIGHT = 24
// Geometric shapes render in every system font; emoji do not.
const ICONS: Record<TreeNode['kind'], string> = {
  connection: '◆',
  database: '◉',
  schema: '▦',
  table: '▤',
  index: '⚷',
}

/**
 * The object tree: connections → databases → schemas → tables and views, virtualised. A click
 * selects a node (+ Query opens there); right-click or F5 refreshes what is loaded under it.
 */
export function TreePanel(props: {
  store: TreeStore
  onOpenTable: (node: Extract<TreeNode, { kind: 'table' }>) => void
  /** Edit and delete on saved connections' rows. */
  connectionActions?: ConnectionRowHandlers
  /** A new query tab on a node's connection and database (its context menu). */
  onQueryAt?: (place: NodePlace) => void
}) {
  const { store, onOpenTable, connectionActions, onQueryAt } = props
  const [menu, setMenu] = useState<{ x: number; y: number; node: TreeNode } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  const menuItems = (node: TreeNode): MenuItem[] => [
    { id: 'refresh', label: 'Refresh', hint: 'F5', run: () => void store.refreshLoaded(node) },
    ...(onQueryAt ? [{ id: 'query', label: 'New query here', run: () => onQueryAt(placeOf(node)) }] : []),
  ]
  const state = useSyncExternalStore(store.subscribe, store.getState)
  const rows = useMemo(() => flattenTree(state), [state])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const activate = (row: TreeRow): void => {
    if (row.type !== 'node') return
    if (row.node.kind === 'table') {
      store.select(row.node.id)
      onOpenTable(row.node)
    } else if (row.node.kind !== 'index') store.toggle(row.node)
  }
  return (
    <div
      className="tree"
      data-testid={TID.tree}
      ref={scroller}
      role="tree"
      onKeyDown={(event) => {
        // F5 in the tree refreshes the selected node (not the page).
        if (event.key !== 'F5') return
        event.preventDefault()
        const node = state.selected === null ? undefined : findNode(state, state.selected)
        if (node) void store.refreshLoaded(node)
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]
          if (!row) return null
          const style = { transform: `translateY(${item.start}px)`, paddingLeft: 8 + row.depth * 14 }
          if (row.type === 'status') {
            return (
              <div key={row.id} className={`tree-row tree-status${row.isError ? ' tree-error' : ''}`} style={style}>
                {row.text}
              </div>
            )
          }
          const { node } = row
          return (
            <div
              key={node.id}
              className={state.selected === node.id ? 'tree-row tree-selected' : 'tree-row'}
              style={style}
              role="treeitem"
              aria-selected={state.selected === node.id}
              aria-expanded={row.leaf ? undefined : row.expanded}
              tabIndex={0}
              data-testid={TID.treeNode}
              data-kind={node.kind}
              data-name={nodeLabel(node)}
              title={titleOf(node)}
              onClick={() => activate(row)}
              onFocus={() => store.select(node.id)}
              onContextMenu={(event) => {
                event.preventDefault()
                store.select(node.id)
                setMenu({ x: event.clientX, y: event.clientY, node })
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') activate(row)
                if (event.key === 'ArrowRight' && !row.leaf && !row.expanded) store.toggle(node)
                if (event.key === 'ArrowLeft' && row.expanded) store.toggle(node)
              }}
            >
              <span
                className="tree-caret"
                onClick={(event) => {
                  // A table that opens onto its indexes: the caret expands it, the row opens it.
                  if (node.kind !== 'table' || row.leaf) return
                  event.stopPropagation()
                  store.toggle(node)
                }}
              >
                {row.leaf ? '' : row.expanded ? '▾' : '▸'}
              </span>
              <span
                className="tree-icon"
                {...(node.kind === 'connection'
                  ? {
                      'data-color': colorOf(node.connection),
                      style: { color: CONNECTION_COLOR_VALUES[colorOf(node.connection)] },
                    }
                  : {})}
              >
                {node.kind === 'table' && node.table.kind === 'view' ? '◫' : ICONS[node.kind]}
              </span>
              <span className="tree-label">{nodeLabel(node)}</span>
              {node.kind === 'table' && node.table.rowCount !== null ? (
                <span className="tree-count">{formatCount(node.table.rowCount, node.table.rowCountExact)}</span>
              ) : null}
              {node.kind === 'connection' ? <ConnectionBadges connection={node.connection} /> : null}
              {node.kind === 'connection' && connectionActions ? (
                <ConnectionRowActions connection={node.connection} {...connectionActions} />
              ) : null}
            </div>
          )
        })}
      </div>
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.node)} onClose={closeMenu} /> : null}
    </div>
  )
}

function titleOf(node: TreeNode): string {
  if (node.kind === 'connection')
    return `${node.connection.name} (${node.connection.engine}: ${node.connection.detail})`
  if (node.kind === 'table') return `${node.table.kind} ${node.table.schema}.${node.table.name}`
  if (node.kind === 'index')
    return `index ${node.index.name}: ${node.index.columns.join(', ')}${node.index.unique ? ' (unique)' : ''}`
  return nodeLabel(node)
}

function formatCount(count: number, exact: boolean): string {
  const text =
    count >= 1_000_000
      ? `${(count / 1_000_000).toFixed(1)}M`
      : count >= 10_000
        ? `${Math.round(count / 1000)}k`
        : String(count)
  return exact ? text : `~${text}`
}
