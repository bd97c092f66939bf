import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { ContextMenu } from '../common/context-menu'
import type { ConnectionRowHandlers } from '../connections/connection-row-actions'
import { TID } from '../test-ids'
import { TreeAskDialog } from './tree-ask-dialog'
import { flattenTree } from './tree-flatten'
import { treeKeyAction } from './tree-keys'
import { treeMenu } from './tree-menu'
import type { TreeAsk, TreeMenuHandlers } from './tree-menu'
import { connectionIdOf, findNode } from './tree-model'
import { ImportDialog } from '../import/import-dialog'
import { importTargetOf, type ImportTarget } from '../import/import-target'
import type { TreeNode } from './tree-model'
import { rowDomId, TreeRowView } from './tree-row'
import type { TreeStore } from './tree-store'

const ROW_HEIGHT = 24

/**
 * The object tree: connections → databases → schemas → tables (columns, indexes, keys) and
 * routines, virtualised, with a filter box. One focus stop (the tree, aria-activedescendant on the
 * selected row): arrows move, Left/Right close and open, Enter opens, the context-menu key or
 * Shift+F10 opens the node's menu, F5 refreshes.
 */
export function TreePanel(props: {
  store: TreeStore
  handlers: Omit<TreeMenuHandlers, 'ask' | 'importData'>
  /** Edit and delete on saved connections' rows. */
  connectionActions?: ConnectionRowHandlers
}) {
  const { store, handlers, connectionActions } = props
  const [menu, setMenu] = useState<{ x: number; y: number; node: TreeNode } | null>(null)
  const [ask, setAsk] = useState<TreeAsk | null>(null)
  const [importing, setImporting] = useState<{ target: ImportTarget; path?: string; file?: File } | null>(null)
  const scroller = useRef<HTMLDivElement>(null)
  // A mouse button went down in the tree: the focus that follows is the pointer's, not the keyboard's.
  const pointerFocus = useRef(false)
  // Stable, so the open menu keeps its focus; focus returns to the tree.
  const closeMenu = useCallback(() => {
    setMenu(null)
    scroller.current?.focus()
  }, [])
  const state = useSyncExternalStore(store.subscribe, store.getState)
  const rows = useMemo(() => flattenTree(state), [state])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const selectedIndex = rows.findIndex((row) => row.type === 'node' && row.node.id === state.selected)
  // The selected row is kept in view (keyboard moves, Ctrl+P jumps).
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  const importData = (node: TreeNode, dropped?: { path?: string; file?: File }): void => {
    const connection = store.connections().find((c) => c.id === connectionIdOf(node))
    if (!connection || connection.readOnly) return
    const target = importTargetOf(node, connection.engine)
    if (target) setImporting({ target, ...dropped })
  }
  // A data file dropped on a schema or table row opens the dialog on it with that file.
  useEffect(
    () =>
      store.onImportRequest(({ nodeId, path, file }) => {
        const node = findNode(store.getState(), nodeId)
        if (node) importData(node, { ...(path ? { path } : {}), ...(file ? { file } : {}) })
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  )
  const allHandlers: TreeMenuHandlers = { ...handlers, ask: setAsk, importData }
  const menuItems = menu ? treeMenu(store, findNode(state, menu.node.id) ?? menu.node, allHandlers) : null
  /** Enter or a click: a table opens its data, a column its table's structure, others open or close. */
  const open = (node: TreeNode): void => {
    store.select(node.id)
    if (node.kind === 'table') return handlers.openTable(node, 'data')
    if (node.kind === 'column' || node.kind === 'index' || node.kind === 'foreign-key') {
      const { tableId: id, connectionId, database, table } = node
      return handlers.openTable({ kind: 'table', id, connectionId, database, table }, 'structure')
    }
    if (node.kind !== 'object') store.toggle(node)
  }
  const menuAtRow = (node: TreeNode): void => {
    const box = document.getElementById(rowDomId(node.id))?.getBoundingClientRect()
    setMenu({ x: (box?.left ?? 0) + 24, y: box?.bottom ?? 0, node })
  }
  const askConnection = ask ? store.connections().find((c) => c.id === ask.node.connectionId) : undefined

  return (
    <>
      <div className="tree-filter">
        <input
          type="search"
          data-testid={TID.treeFilter}
          placeholder="Filter · Ctrl+P opens anything"
          aria-label="Filter the tree"
          value={state.filter}
          onChange={(event) => store.setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') store.setFilter('')
            if (event.key === 'ArrowDown') {
              // Down goes from the filter into the tree, on its first row.
              event.preventDefault()
              const first = rows.find((row) => row.type === 'node')
              if (first?.type === 'node') store.select(first.node.id)
              scroller.current?.focus()
            }
          }}
        />
      </div>
      <div
        className="tree"
        data-testid={TID.tree}
        ref={scroller}
        role="tree"
        aria-label="Connections"
        tabIndex={0}
        aria-activedescendant={state.selected && selectedIndex >= 0 ? rowDomId(state.selected) : undefined}
        onMouseDown={() => {
          pointerFocus.current = true
        }}
        onFocus={() => {
          // Focus arriving by keyboard with nothing selected lands on the first row. Not by a click: that
          // would scroll the tree to the top under the pointer, and the row clicked would never get it.
          const byPointer = pointerFocus.current
          pointerFocus.current = false
          const first = rows[0]
          if (!byPointer && state.selected === null && first?.type === 'node') store.select(first.node.id)
        }}
        onBlur={() => {
          pointerFocus.current = false
        }}
        onKeyDown={(event) => {
          if (event.target !== scroller.current) return
          const action = treeKeyAction(rows, state.selected, { key: event.key, shiftKey: event.shiftKey })
          if (!action) return
          event.preventDefault()
          if (action.type === 'focus') store.select(action.id)
          else if (action.type === 'expand') void store.expand(action.node)
          else if (action.type === 'collapse') store.collapse(action.node)
          else if (action.type === 'open') open(action.node)
          else if (action.type === 'menu') menuAtRow(action.node)
          else void store.refreshLoaded(action.node)
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
              <TreeRowView
                key={node.id}
                row={row}
                style={style}
                selected={state.selected === node.id}
                connectionActions={connectionActions}
                onClick={() => open(node)}
                onCaret={() => {
                  store.select(node.id)
                  store.toggle(node)
                }}
                onMenu={(x, y) => {
                  store.select(node.id)
                  setMenu({ x, y, node })
                }}
              />
            )
          })}
        </div>
      </div>
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems!} onClose={closeMenu} /> : null}
      {importing ? (
        <ImportDialog
          target={importing.target}
          {...(importing.path ? { initialPath: importing.path } : {})}
          {...(importing.file ? { initialFile: importing.file } : {})}
          onOpenTable={(node) => handlers.openTable(node, 'data', true)}
          onClose={() => setImporting(null)}
        />
      ) : null}
      {ask && askConnection ? (
        <TreeAskDialog ask={ask} connection={askConnection} onClose={() => setAsk(null)} />
      ) : null}
    </>
  )
}
