import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { EngineId } from '../../../shared/engines/engine-list'
import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { TID } from '../test-ids'
import { copyText } from './clipboard'
import { describeValue, formatCell, fullText } from './cell-format'
import { JsonTreeView } from './json-tree-view'
import { decodeUtf8, hexDump, parseJsonTree } from './viewer-formats'

type ViewerMode = 'text' | 'tree' | 'hex' | 'utf8'

/** Characters laid out at first: a 10 MB text takes seconds to lay out, its start does not. */
export const VIEWER_INITIAL_CHARS = 500_000

/** Props of the cell viewer. */
export interface CellViewerProps {
  value: WireValue
  column: ResultColumn | undefined
  /** Whose client's notation a float takes. */
  engine: EngineId
  /** 0-based row index, shown 1-based like the gutter. */
  row: number
  /** Take the focus when shown (opened on this cell); false when it follows the selection, which keeps the focus. */
  focus: boolean
  /** Docked beside the grid rather than over it. */
  docked: boolean
  onDock: (docked: boolean) => void
  onClose: () => void
}

/**
 * The whole value of one cell in a side panel: selectable text, JSON pretty-printed, all the hex
 * of binary data. Text is rendered as text (React escapes it), never as HTML.
 */
export function CellViewer({ value, column, engine, row, focus, docked, onDock, onClose }: CellViewerProps) {
  const tree = useMemo(() => (typeof value === 'string' ? parseJsonTree(value) : null), [value])
  const hex = typeof value === 'object' && value !== null && value.$ === 'bytes' ? value.v : null
  const utf8 = useMemo(() => (hex === null ? null : decodeUtf8(hex)), [hex])
  const modes: ViewerMode[] = tree
    ? ['tree', 'text']
    : hex !== null
      ? utf8 !== null
        ? ['hex', 'utf8']
        : ['hex']
      : ['text']
  const [mode, setMode] = useState<ViewerMode>(modes[0]!)
  const [copied, setCopied] = useState<boolean | null>(null)
  const text = useMemo(() => {
    if (mode === 'hex' && hex !== null) return hexDump(hex)
    if (mode === 'utf8' && utf8 !== null) return utf8
    return fullText(value, column, engine)
  }, [mode, hex, utf8, value, column, engine])
  const [showAll, setShowAll] = useState(false)
  const cut = !showAll && text.length > VIEWER_INITIAL_CHARS
  const kind = formatCell(value, column).kind
  const bodyRef = useRef<HTMLElement>(null)

  // Focus moves into the panel so Esc reaches it and the text can be selected with the keyboard.
  useEffect(() => {
    if (focus) bodyRef.current?.focus()
  }, [focus])

  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onClose()
    }
  }

  return (
    <div
      className="qgrid-viewer"
      role="dialog"
      aria-label="Cell value"
      data-testid={TID.cellViewer}
      data-docked={docked || undefined}
      onKeyDown={keyDown}
    >
      <div className="qgrid-viewer-bar">
        <div className="qgrid-viewer-title">
          <span className="qgrid-viewer-column">{column?.name ?? ''}</span>
          {column?.type && <span className="qgrid-viewer-type">{column.type}</span>}
          <span className="qgrid-viewer-meta">
            row {(row + 1).toLocaleString('en-US')} · {describeValue(value)}
          </span>
        </div>
        {modes.length > 1 ? (
          <div className="qgrid-viewer-modes" role="tablist">
            {modes.map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                data-testid={TID.cellViewerMode}
                data-mode={m}
                onClick={() => setMode(m)}
              >
                {MODE_LABELS[m]}
              </button>
            ))}
          </div>
        ) : null}
        <button
          type="button"
          data-testid={TID.cellViewerCopy}
          title="Copy the whole value as shown (text, pretty JSON or the hex dump)"
          onClick={() => void copyText(text).then(setCopied)}
        >
          {copied === null ? 'Copy' : copied ? 'Copied' : 'Copy failed'}
        </button>
        <button
          type="button"
          data-testid={TID.cellViewerDock}
          aria-pressed={docked}
          title={docked ? 'Float over the grid' : 'Dock beside the grid (the grid narrows)'}
          onClick={() => onDock(!docked)}
        >
          {docked ? 'Undock' : 'Dock'}
        </button>
        <button
          type="button"
          className="qgrid-viewer-close"
          data-testid={TID.cellViewerClose}
          aria-label="Close"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {mode === 'tree' && tree ? (
        <div className="qgrid-viewer-text" tabIndex={0} ref={bodyRef as RefObject<HTMLDivElement>}>
          <JsonTreeView node={tree} />
        </div>
      ) : (
        <pre ref={bodyRef as RefObject<HTMLPreElement>} className={`qgrid-viewer-text is-${kind}`} tabIndex={0}>
          {cut ? text.slice(0, VIEWER_INITIAL_CHARS) : text}
          {cut && (
            <button type="button" className="qgrid-viewer-more" onClick={() => setShowAll(true)}>
              … show all {text.length.toLocaleString('en-US')} characters
            </button>
          )}
        </pre>
      )}
    </div>
  )
}

const MODE_LABELS: Record<ViewerMode, string> = { text: 'Text', tree: 'Tree', hex: 'Hex', utf8: 'UTF-8' }
