import type { CSSProperties, ReactNode } from 'react'
import { CONNECTION_COLOR_VALUES, engineDescriptor } from '../../../shared/contract'
import { ConnectionRowActions } from '../connections/connection-row-actions'
import type { ConnectionRowHandlers } from '../connections/connection-row-actions'
import { ConnectionBadges } from '../safety/connection-badges'
import { TID } from '../test-ids'
import { colorOf } from '../workspace/tab-title'
import type { TreeRow } from './tree-flatten'
import { nodeLabel } from './tree-model'
import type { TreeNode } from './tree-model'

// Geometric shapes render in every system font; emoji do not.
const TABLE_ICONS: Record<string, string> = {
  table: '▤',
  'partitioned-table': '▥',
  'virtual-table': '▢',
  view: '◫',
  'materialized-view': '◩',
}
const ICONS: Record<Exclude<TreeNode['kind'], 'connection' | 'table'>, string> = {
  database: '◉',
  schema: '▦',
  column: '▫',
  index: '⚷',
  'foreign-key': '⇢',
  object: 'ƒ',
  group: '≡',
}
const OBJECT_ICONS: Record<string, string> = { function: 'ƒ', procedure: 'ƒ', sequence: '#', trigger: '⚡' }

/** The DOM id of a node's row (aria-activedescendant points at it). */
export const rowDomId = (id: string): string => `tree-row-${encodeURIComponent(id)}`

/** One row of the tree: caret, icon, name and what is worth seeing beside it. */
export function TreeRowView(props: {
  row: Extract<TreeRow, { type: 'node' }>
  style: CSSProperties
  selected: boolean
  connectionActions: ConnectionRowHandlers | undefined
  onClick: () => void
  onCaret: () => void
  onMenu: (x: number, y: number) => void
}) {
  const { row, style, selected, connectionActions, onClick, onCaret, onMenu } = props
  const { node } = row
  return (
    <div
      id={rowDomId(node.id)}
      className={selected ? 'tree-row tree-selected' : 'tree-row'}
      style={style}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.leaf ? undefined : row.expanded}
      data-testid={TID.treeNode}
      data-kind={node.kind}
      data-name={nodeLabel(node)}
      title={titleOf(node)}
      onClick={onClick}
      onContextMenu={(event) => {
        event.preventDefault()
        onMenu(event.clientX, event.clientY)
      }}
    >
      <span
        className="tree-caret"
        onClick={(event) => {
          // The caret opens and closes; on a table the row itself opens its data.
          if (row.leaf) return
          event.stopPropagation()
          onCaret()
        }}
      >
        {row.leaf ? '' : row.expanded ? '▾' : '▸'}
      </span>
      <NodeIcon node={node} />
      <span className="tree-label">{nodeLabel(node)}</span>
      <NodeExtras node={node} connectionActions={connectionActions} />
    </div>
  )
}

function NodeIcon(props: { node: TreeNode }) {
  const { node } = props
  if (node.kind === 'connection') {
    const { icon } = engineDescriptor(node.connection.engine).tree
    const color = colorOf(node.connection)
    return (
      <span className="tree-engine" data-color={color} style={{ borderColor: CONNECTION_COLOR_VALUES[color] }}>
        <span style={{ background: icon.color }}>{icon.text}</span>
      </span>
    )
  }
  const text =
    node.kind === 'table'
      ? (TABLE_ICONS[node.table.kind] ?? '▤')
      : node.kind === 'object'
        ? (OBJECT_ICONS[node.object.kind] ?? 'ƒ')
        : node.kind === 'column' && node.column.primaryKeyPosition !== null
          ? '⚷'
          : ICONS[node.kind]
  return <span className={`tree-icon tree-icon-${node.kind}`}>{text}</span>
}

function NodeExtras(props: { node: TreeNode; connectionActions: ConnectionRowHandlers | undefined }): ReactNode {
  const { node, connectionActions } = props
  switch (node.kind) {
    case 'connection':
      return (
        <>
          <ConnectionBadges connection={node.connection} />
          {connectionActions ? <ConnectionRowActions connection={node.connection} {...connectionActions} /> : null}
        </>
      )
    case 'table':
      return node.table.rowCount === null ? null : (
        <span className="tree-count">{formatCount(node.table.rowCount, node.table.rowCountExact)}</span>
      )
    case 'column': {
      const { column } = node
      return (
        // Marks, then the type flush right (the row's title has the whole text when it is cut).
        <span className="tree-detail tree-detail-column">
          {column.primaryKeyPosition !== null ? <span className="tree-mark">PK</span> : null}
          {node.inForeignKey ? <span className="tree-mark">FK</span> : null}
          {column.unique && column.primaryKeyPosition === null ? <span className="tree-mark">UQ</span> : null}
          {column.nullable ? <span className="tree-mark tree-mark-null">null</span> : null}
          <span className="tree-type">{column.dataType}</span>
        </span>
      )
    }
    case 'index':
      return (
        <span className="tree-detail">
          <span className="tree-type">({node.index.columns.join(', ')})</span>
          {node.index.primary ? (
            <span className="tree-mark">PK</span>
          ) : node.index.unique ? (
            <span className="tree-mark">UQ</span>
          ) : null}
        </span>
      )
    case 'foreign-key':
      return (
        <span className="tree-detail">
          <span className="tree-type">→ {node.foreignKey.referencedTable}</span>
        </span>
      )
    case 'object':
      return node.object.detail ? (
        <span className="tree-detail">
          <span className="tree-type">{node.object.detail}</span>
        </span>
      ) : null
    case 'group':
      return <span className="tree-count">{node.items.length}</span>
    default:
      return null
  }
}

function titleOf(node: TreeNode): string {
  switch (node.kind) {
    case 'connection':
      return `${node.connection.name} (${engineDescriptor(node.connection.engine).label}: ${node.connection.detail})`
    case 'table':
      return `${node.table.kind} ${node.table.schema}.${node.table.name}`
    case 'column': {
      const { column } = node
      const key = column.primaryKeyPosition !== null ? `, primary key (${column.primaryKeyPosition})` : ''
      const fk = node.inForeignKey ? ', in a foreign key' : ''
      return `${column.name}: ${column.dataType}, ${column.nullable ? 'nullable' : 'not null'}${key}${fk}`
    }
    case 'index':
      return `index ${node.index.name}: ${node.index.columns.join(', ')}${node.index.unique ? ' (unique)' : ''}`
    case 'foreign-key': {
      const fk = node.foreignKey
      return `(${fk.columns.join(', ')}) → ${fk.referencedSchema}.${fk.referencedTable} (${fk.referencedColumns.join(', ')})`
    }
    case 'object':
      return `${node.object.kind} ${node.object.schema}.${node.object.name}${node.object.detail ? ` ${node.object.detail}` : ''}`
    default:
      return nodeLabel(node)
  }
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
