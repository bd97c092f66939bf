import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { COPY_FORMAT_LABELS, COPY_FORMATS, type CopyFormat } from '../../../shared/formats/copy-formats'
import { TID } from '../test-ids'
import type { KeyTarget } from './grid-key-links'
import { ReferencingItem } from './referencing-item'

/** Props of the grid's context menu. */
export interface GridContextMenuProps {
  x: number
  y: number
  onCopy: (format: CopyFormat, withHeader: boolean) => void
  onOpenViewer: (() => void) | null
  /** Opens the active row in the record view. */
  onOpenRecord: (() => void) | null
  /** Opens the rows the active cell's key references. */
  onFollowKey?: (() => void) | null
  /** Lists the tables referencing the active row (on demand). */
  referencedBy?: (() => Promise<KeyTarget[]>) | null
  /** Editing actions (the grid edits): shown after the others, a disabled one with its reason. */
  editItems?: readonly EditMenuItem[] | undefined
  onClose: () => void
}

/** An editing action of the menu. */
export interface EditMenuItem {
  label: string
  /** data-format of the item, for tests. */
  id: string
  run: () => void
  hint?: string
  /** Why it cannot be used here, or null. */
  disabled?: string | null
}

type Referencing = { status: 'closed' } | { status: 'loading' } | { status: 'ready'; targets: KeyTarget[] }

/** Right-click menu of the grid: copy the selection in each format, open the cell viewer, follow keys. */
export function GridContextMenu(props: GridContextMenuProps) {
  const { x, y, onCopy, onOpenViewer, onOpenRecord, onFollowKey, referencedBy, editItems, onClose } = props
  const ref = useRef<HTMLDivElement>(null)
  const [referencing, setReferencing] = useState<Referencing>({ status: 'closed' })
  // A menu opened near the bottom or right edge moves up or left so all of it shows.
  const [place, setPlace] = useState({ left: x, top: y })
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect()
    if (!box) return
    setPlace({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    })
  }, [x, y, referencing.status])
  useEffect(() => {
    ref.current?.querySelector('button')?.focus()
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    window.addEventListener('mousedown', away, true)
    return () => window.removeEventListener('mousedown', away, true)
  }, [onClose])
  useEffect(() => {
    if (referencing.status === 'ready') ref.current?.querySelector<HTMLElement>('[data-target]')?.focus()
  }, [referencing])
  const item = (label: string, testFormat: string, run: () => void, hint?: string, disabled?: string | null) => (
    <button
      type="button"
      role="menuitem"
      data-testid={TID.gridMenuItem}
      data-format={testFormat}
      disabled={Boolean(disabled)}
      title={disabled ?? undefined}
      onClick={() => {
        run()
        onClose()
      }}
    >
      <span>{label}</span>
      {hint ? <kbd>{hint}</kbd> : null}
    </button>
  )
  const listReferencing = () => {
    if (!referencedBy) return
    setReferencing({ status: 'loading' })
    void referencedBy().then((targets) => setReferencing({ status: 'ready', targets }))
  }
  return (
    <div
      ref={ref}
      className="qgrid-menu"
      role="menu"
      data-testid={TID.gridMenu}
      style={place}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      {referencing.status === 'closed' ? (
        <>
          {item('Copy', 'tsv', () => onCopy('tsv', false), 'Ctrl+C')}
          {item('Copy with headers', 'tsv-header', () => onCopy('tsv', true), 'Ctrl+Shift+C')}
          {COPY_FORMATS.filter((f) => f !== 'tsv').map((format) => (
            <span key={format}>
              {item(`Copy as ${COPY_FORMAT_LABELS[format]}`, format, () => onCopy(format, true))}
            </span>
          ))}
          {editItems && editItems.length > 0 ? (
            <>
              <div className="qgrid-menu-separator" role="separator" />
              {editItems.map((edit) => (
                <span key={edit.id}>{item(edit.label, edit.id, edit.run, edit.hint, edit.disabled)}</span>
              ))}
              <div className="qgrid-menu-separator" role="separator" />
            </>
          ) : null}
          {onOpenViewer ? item('Open value', 'viewer', onOpenViewer, editItems ? 'Space' : 'Enter') : null}
          {onOpenRecord ? item('Record view', 'record', onOpenRecord, 'Shift+Enter') : null}
          {onFollowKey ? item('Open referenced row', 'follow', onFollowKey, 'Ctrl+Enter') : null}
          {referencedBy ? (
            <button
              type="button"
              role="menuitem"
              data-testid={TID.gridMenuItem}
              data-format="referenced-by"
              onClick={listReferencing}
            >
              <span>Referenced by…</span>
            </button>
          ) : null}
        </>
      ) : (
        <div
          className="qgrid-menu-list"
          data-testid={TID.gridReferencedBy}
          aria-busy={referencing.status === 'loading'}
        >
          <div className="qgrid-menu-title">Referenced by</div>
          {referencing.status === 'loading' ? <div className="qgrid-menu-note">Reading foreign keys…</div> : null}
          {referencing.status === 'ready' && referencing.targets.length === 0 ? (
            <div className="qgrid-menu-note">No table references this row's table</div>
          ) : null}
          {referencing.status === 'ready'
            ? referencing.targets.map((target) => (
                <ReferencingItem key={target.label} target={target} onClose={onClose} />
              ))
            : null}
        </div>
      )}
    </div>
  )
}
