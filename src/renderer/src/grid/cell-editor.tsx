import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react'
import type { WireValue } from '../../../shared/contract/values'
import { parseInput, type InputSpec } from '../edits/cell-input'
import { TID } from '../test-ids'

/** Where the editor goes after a commit: stay, or to the next/previous cell (Tab / Shift+Tab). */
export type EditorMove = 'stay' | 'next' | 'previous'

/** Props of the in-cell editor. */
export interface CellEditorProps {
  spec: InputSpec
  /** Starting text (the value as text, or the key typed to start editing). */
  initial: string
  /** Position in the rows' layer and the cell's width. */
  style: CSSProperties
  onCommit: (value: WireValue, move: EditorMove) => void
  onCancel: () => void
}

const MULTILINE = new Set(['text', 'json', 'bson'])

/**
 * Edits one cell in place. Enter commits (Shift+Enter: a line break in text and JSON), Tab commits
 * and moves on, Esc cancels; leaving it commits a valid value. What is typed is checked for the
 * column's type before it is staged, and kept exactly as typed (numbers included).
 */
export function CellEditor({ spec, initial, style, onCommit, onCancel }: CellEditorProps) {
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement & HTMLSelectElement>(null)
  const done = useRef(false)
  useEffect(() => {
    const element = field.current
    if (!element) return
    element.focus()
    if (element instanceof HTMLTextAreaElement) element.setSelectionRange(element.value.length, element.value.length)
  }, [])
  const commit = (move: EditorMove, value = text): boolean => {
    const parsed = parseInput(spec, value)
    if (!parsed.ok) {
      setError(parsed.message)
      return false
    }
    done.current = true
    onCommit(parsed.value, move)
    return true
  }
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      done.current = true
      onCancel()
    } else if (e.key === 'Enter' && !(e.shiftKey && MULTILINE.has(spec.kind))) {
      e.preventDefault()
      commit('stay')
    } else if (e.key === 'Tab') {
      e.preventDefault()
      commit(e.shiftKey ? 'previous' : 'next')
    }
  }
  const onBlur = () => {
    if (done.current) return
    if (!commit('stay')) onCancel()
  }
  const loadFile = async (file: File | undefined) => {
    if (!file) return
    const bytes = new Uint8Array(await file.arrayBuffer())
    let hex = ''
    for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
    done.current = true
    onCommit({ $: 'bytes', v: hex, n: bytes.length }, 'stay')
  }
  const lines = Math.min(8, text.split('\n').length)
  return (
    <div className="qgrid-editor" style={style} onMouseDown={(e) => e.stopPropagation()}>
      {spec.kind === 'enum' ? (
        <select
          ref={field}
          data-testid={TID.cellEditor}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        >
          {spec.options.includes(text) ? null : <option value={text}>{text}</option>}
          {spec.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <textarea
          ref={field}
          data-testid={TID.cellEditor}
          data-kind={spec.kind}
          value={text}
          rows={lines}
          spellCheck={false}
          aria-invalid={error !== null}
          onChange={(e) => {
            setText(e.target.value)
            setError(null)
          }}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
      )}
      {spec.kind === 'binary' ? (
        // Choosing a file takes the focus from the text: that blur neither commits nor cancels.
        <label
          className="qgrid-editor-file"
          title="Load the value from a file"
          onMouseDown={() => (done.current = true)}
        >
          File…
          <input type="file" data-testid={TID.cellEditorFile} onChange={(e) => void loadFile(e.target.files?.[0])} />
        </label>
      ) : null}
      {error ? (
        <div className="qgrid-editor-error" role="alert" data-testid={TID.cellEditorError}>
          {error}
        </div>
      ) : null}
    </div>
  )
}
