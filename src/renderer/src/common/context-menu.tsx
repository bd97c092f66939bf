import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { TID } from '../test-ids'

/** One entry of a context menu. */
export interface MenuItem {
  /** Stable name (its `data-item`, for tests). */
  id: string
  label: string
  hint?: string
  /** It changes or destroys data (drawn as a warning). */
  danger?: boolean
  run: () => void
}

/** Room a menu needs before it is measured (its min width, a few items' height). */
const MENU_ROOM = { width: 200, height: 90 }
/** Gap kept between a menu and the window's edges. */
const EDGE = 4

/** A small right-click menu at (x, y); closes on a pick, Escape, or a click elsewhere. */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const { x, y, items, onClose } = props
  const ref = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState(MENU_ROOM)
  // Measured once drawn, so a long menu near the bottom opens upwards and stays whole.
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect()
    if (box) setSize({ width: box.width, height: box.height })
  }, [items.length])
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
        left: Math.max(EDGE, Math.min(x, window.innerWidth - size.width - EDGE)),
        top: Math.max(EDGE, Math.min(y, window.innerHeight - size.height - EDGE)),
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          // Up and Down move between the items, wrapping round.
          event.preventDefault()
          const buttons = [...(ref.current?.querySelectorAll('button') ?? [])]
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
          const step = event.key === 'ArrowDown' ? 1 : -1
          buttons[(at + step + buttons.length) % buttons.length]?.focus()
          return
        }
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
          className={item.danger ? 'danger' : undefined}
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
