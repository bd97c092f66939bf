import { useEffect, useRef } from 'react'
import { TID } from '../test-ids'

/** One entry of a context menu. */
export interface MenuItem {
  /** Stable name (its `data-item`, for tests). */
  id: string
  label: string
  hint?: string
  run: () => void
}

/** Room a menu needs (its min width, a few items' height). */
const MENU_ROOM = { width: 200, height: 90 }

/** A small right-click menu at (x, y); closes on a pick, Escape, or a click elsewhere. */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const { x, y, items, onClose } = props
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.querySelector('button')?.focus()
    const away = (event: MouseEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose()
    }
    window.addEventListener('mousedown', away, true)
    return () => window.removeEventListener('mousedown', away, true)
  }, [onClose])
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      data-testid={TID.contextMenu}
      // Kept inside the window near its right and bottom edges.
      style={{
        left: Math.min(x, window.innerWidth - MENU_ROOM.width),
        top: Math.min(y, window.innerHeight - MENU_ROOM.height),
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.stopPropagation()
        onClose()
      }}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          data-item={item.id}
          onClick={() => {
            onClose()
            item.run()
          }}
        >
          <span>{item.label}</span>
          {item.hint ? <kbd>{item.hint}</kbd> : null}
        </button>
      ))}
    </div>
  )
}
