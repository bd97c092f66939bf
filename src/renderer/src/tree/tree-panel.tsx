import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useSyncExternalStore } from 'react'
import { ConnectionRowActions } from '../connections/connection-row-actions'
import { ConnectionBadges } from '../safety/connection-badges'
import type { ConnectionRowHandlers } from '../connections/connection-row-actions'
import { TID } from '../test-ids'
import { flattenTree, nodeLabel } from './tree-model'
import type { TreeNode, TreeRow } from './tree-model'
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

/** The object tree: connections → databases → schemas → tables and views, virtualised. */
export function TreePanel(props: {
  store: TreeStore
  onOpenTable: (node: Extract<TreeNode, { kind: 'table' }>) => void
  /** Edit and delete on saved connections' rows. */
  connectionActions?: ConnectionRowHandlers
}) {
  const { store, onOpenTable, connectionActions } = props
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
    <div className="tree" data-testid={TID.tree} ref={scroller} role="tree">
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
              <span className="tree-icon">
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
