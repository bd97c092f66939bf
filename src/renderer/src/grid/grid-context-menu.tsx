import { useEffect, useRef } from 'react'
import { COPY_FORMAT_LABELS, COPY_FORMATS, type CopyFormat } from '../../../shared/formats/copy-formats'
import { TID } from '../test-ids'

/** Props of the grid's context menu. */
export interface GridContextMenuProps {
  x: number
  y: number
  onCopy: (format: CopyFormat, withHeader: boolean) => void
  onOpenViewer: (() => void) | null
  /** Opens the active row in the record view. */
  onOpenRecord: (() => void) | null
  onClose: () => void
}

/** Right-click menu of the grid: copy the selection in each format, open the cell viewer. */
export function GridContextMenu({ x, y, onCopy, onOpenViewer, onOpenRecord, onClose }: GridContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.querySelector('button')?.focus()
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    window.addEventListener('mousedown', away, true)
    return () => window.removeEventListener('mousedown', away, true)
  }, [onClose])
  const item = (label: string, testFormat: string, run: () => void, hint?: string) => (
    <button
      type="button"
      role="menuitem"
      data-testid={TID.gridMenuItem}
      data-format={testFormat}
      onClick={() => {
        run()
        onClose()
      }}
    >
      <span>{label}</span>
      {hint ? <kbd>{hint}</kbd> : null}
    </button>
  )
  return (
    <div
      ref={ref}
      className="qgrid-menu"
      role="menu"
      data-testid={TID.gridMenu}
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      {item('Copy', 'tsv', () => onCopy('tsv', false), 'Ctrl+C')}
      {item('Copy with headers', 'tsv-header', () => onCopy('tsv', true), 'Ctrl+Shift+C')}
      {COPY_FORMATS.filter((f) => f !== 'tsv').map((format) => (
        <span key={format}>{item(`Copy as ${COPY_FORMAT_LABELS[format]}`, format, () => onCopy(format, true))}</span>
      ))}
      {onOpenViewer ? item('Open value', 'viewer', onOpenViewer, 'Enter') : null}
      {onOpenRecord ? item('Record view', 'record', onOpenRecord, 'Shift+Enter') : null}
    </div>
  )
}
