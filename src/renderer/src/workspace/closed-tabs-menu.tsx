import { useCallback, useRef, useState } from 'react'
import { ContextMenu } from '../common/context-menu'
import type { MenuItem } from '../common/context-menu'
import { TID } from '../test-ids'
import type { ClosedTab, WorkspaceStore } from './workspace-store'

/** Characters of a closed query tab's SQL (or a title, or a connection's name) shown in the list. */
const PREVIEW_LENGTH = 32
/** Room the list is given left of the button's right edge (its lines do not wrap). */
const MENU_WIDTH = 520

/** The tab strip's "recently closed" button: the closed tabs, most recent first; a pick reopens one. */
export function ClosedTabsMenu(props: {
  closed: ClosedTab[]
  store: WorkspaceStore
  connectionName: (connectionId: string) => string
}) {
  const { closed, store, connectionName } = props
  const [at, setAt] = useState<{ x: number; y: number } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => setAt(null), [])
  const items = closed.map(({ tab }): MenuItem => ({
    id: `reopen:${tab.id}`,
    label: `${cut(tab.title)} — ${cut(connectionName(tab.connectionId))}`,
    hint: describe(tab),
    run: () => void store.reopenClosed(tab.id),
  }))
  return (
    <div className="closed-tabs">
      <button
        ref={button}
        className="tab-strip-closed"
        data-testid={TID.closedTabsButton}
        disabled={closed.length === 0}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        aria-label="Recently closed tabs"
        title={
          closed.length === 0
            ? 'No closed tabs to reopen'
            : `Recently closed tabs (${closed.length}); Ctrl/Cmd+Shift+T reopens the last`
        }
        onClick={() => {
          const box = button.current?.getBoundingClientRect()
          if (box) setAt(at ? null : { x: Math.max(0, box.right - MENU_WIDTH), y: box.bottom + 2 })
        }}
      >
        ↶ <span className="tab-strip-closed-count">{closed.length}</span>
      </button>
      {at ? <ContextMenu x={at.x} y={at.y} items={items} onClose={close} /> : null}
    </div>
  )
}

/** What a closed tab held, in a few words: a query's file and first line, a table's database and view. */
function describe(tab: ClosedTab['tab']): string {
  if (tab.kind === 'table') return `${cut(tab.database)} · ${tab.view}`
  if (tab.kind === 'diagram') return `${cut(tab.database)} · ER diagram`
  const line = cut(tab.sql.trim().split('\n')[0] ?? '') || '(empty)'
  return tab.file ? `${cut(tab.file.name)} · ${line}` : line
}

const cut = (text: string): string => (text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text)
