import type { CSSProperties } from 'react'
import { useCallback, useRef, useState, useSyncExternalStore } from 'react'
import { useSelectedInView } from '../layout/selected-in-view'
import { useApp } from '../app-context'
import { ContextMenu } from '../common/context-menu'
import { hasUnsavedFileChanges } from '../queries/file-state'
import { ClosedTabsMenu } from './closed-tabs-menu'
import { TID } from '../test-ids'
import type { TreeState } from '../tree/tree-model'
import { MAX_TAB_TITLE } from './tab-name'
import { tabTitle } from './tab-title'
import type { Tab, WorkspaceState, WorkspaceStore } from './workspace-store'

/**
 * The open tabs, each in its connection's colour with its name and where it runs. Middle-click or ×
 * closes one (kept in the recently closed list, reopened by Ctrl/Cmd+Shift+T or from that list);
 * double-click on its name (or its context menu) renames it. The strip scrolls sideways.
 */
export function TabBar({ state, store }: { state: WorkspaceState; store: WorkspaceStore }) {
  const { tree } = useApp()
  const treeState = useSyncExternalStore(tree.subscribe, tree.getState)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [menu, setMenu] = useState<{ x: number; y: number; id: string } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  const bar = useRef<HTMLDivElement>(null)
  useSelectedInView(bar, `${state.activeId}/${state.tabs.length}`)
  const connectionName = (id: string): string => connectionOf(treeState, id)?.name ?? id
  return (
    <div className="tab-strip">
      <div className="tab-bar" data-testid={TID.tabBar} role="tablist" ref={bar}>
        {state.tabs.map((tab) => {
          const title = tabTitle(
            tab,
            connectionOf(treeState, tab.connectionId),
            databasesOf(treeState, tab.connectionId),
          )
          return (
            <div
              key={tab.id}
              role="tab"
              aria-selected={tab.id === state.activeId}
              className={`tab${tab.id === state.activeId ? ' tab-active' : ''}`}
              style={{ '--tab-color': title.colorValue } as CSSProperties}
              data-testid={TID.tab}
              data-title={tab.title}
              data-connection={title.connectionName}
              data-color={title.color}
              title={title.tooltip}
              onClick={() => store.activate(tab.id)}
              onAuxClick={(event) => event.button === 1 && store.close(tab.id)}
              onContextMenu={(event) => {
                event.preventDefault()
                setMenu({ x: event.clientX, y: event.clientY, id: tab.id })
              }}
            >
              <span className="tab-icon">{tab.kind === 'query' ? '✎' : tab.kind === 'diagram' ? '◇' : '▤'}</span>
              <span className="tab-text">
                {renaming === tab.id ? (
                  <RenameField
                    tab={tab}
                    onDone={(name) => {
                      setRenaming(null)
                      if (name !== null) store.rename(tab.id, name)
                    }}
                  />
                ) : (
                  <span className="tab-title" onDoubleClick={() => setRenaming(tab.id)}>
                    {tab.title}
                    {tab.kind === 'query' && hasUnsavedFileChanges(tab) ? (
                      <span
                        className="tab-unsaved"
                        data-testid={TID.tabUnsaved}
                        title={`Unsaved changes to ${tab.file?.name}`}
                      >
                        {' '}
                        ●
                      </span>
                    ) : null}
                  </span>
                )}
                <span className="tab-where">
                  {title.connectionName}
                  {title.place ? ` · ${title.place}` : ''}
                </span>
              </span>
              <button
                className="tab-close"
                aria-label={`Close ${tab.title}`}
                onClick={(event) => {
                  event.stopPropagation()
                  store.close(tab.id)
                }}
              >
                ×
              </button>
            </div>
          )
        })}
        {menu ? (
          <ContextMenu
            x={menu.x}
            y={menu.y}
            onClose={closeMenu}
            items={[
              { id: 'rename', label: 'Rename', hint: 'double-click', run: () => setRenaming(menu.id) },
              { id: 'close', label: 'Close', run: () => store.close(menu.id) },
              ...(state.closed.length > 0
                ? [
                    {
                      id: 'reopen',
                      label: 'Reopen closed tab',
                      hint: 'Ctrl/Cmd+Shift+T',
                      run: () => void store.reopenClosed(),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
      </div>
      <ClosedTabsMenu closed={state.closed} store={store} connectionName={connectionName} />
    </div>
  )
}

/** The tab's name being edited: Enter saves, Escape cancels (null), leaving the field saves. */
function RenameField({ tab, onDone }: { tab: Tab; onDone: (name: string | null) => void }) {
  const done = useRef(false)
  const finish = (name: string | null): void => {
    if (done.current) return
    done.current = true
    onDone(name)
  }
  return (
    <input
      className="tab-rename"
      data-testid={TID.tabRename}
      aria-label="Tab name"
      defaultValue={tab.title}
      maxLength={MAX_TAB_TITLE}
      autoFocus
      onFocus={(event) => event.target.select()}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Enter') finish(event.currentTarget.value)
        if (event.key === 'Escape') finish(null)
      }}
      onBlur={(event) => finish(event.target.value)}
    />
  )
}

const connectionOf = (state: TreeState, id: string) => {
  const root = state.roots.find((node) => node.id === id)
  return root?.kind === 'connection' ? root.connection : undefined
}

/** The databases the tree has loaded for a connection (null when it has not). */
const databasesOf = (state: TreeState, id: string): string[] | null => {
  const children = state.children.get(id)
  return children?.status === 'ready'
    ? children.nodes.flatMap((node) => (node.kind === 'database' ? [node.database] : []))
    : null
}
