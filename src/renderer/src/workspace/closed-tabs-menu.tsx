import { useCallback, useRef, useState } from 'react'
import { ContextMenu } from '../common/context-menu'
import type { MenuItem } from '../common/context-menu'
import { TID } from '../test-ids'
import type { ClosedTab, WorkspaceStore } from './workspace-store'

/** Characters of a closed query tab's SQL shown in the list. */
const PREVIEW_LENGTH = 36
/** Room the list is given left of the button's right edge. */
const MENU_WIDTH = 360

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
  const items = closed.map(({ tab }, index): MenuItem => ({
    id: `reopen:${tab.id}`,
    label: `${tab.title} — ${connectionName(tab.connectionId)}${describe(tab)}`,
    ...(index === 0 ? { hint: 'Ctrl/Cmd+Shift+T' } : {}),
    run: () => store.reopenClosed(tab.id),
  }))
  return (
    <>
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
    </>
  )
}

/** Where a closed tab was, in a few words: a query's first line, a table's database. */
function describe(tab: ClosedTab['tab']): string {
  if (tab.kind === 'table') return ` · ${tab.database}`
  const line = tab.sql.trim().split('\n')[0] ?? ''
  if (!line) return ' · (empty)'
  return `: ${line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH)}…` : line}`
}
