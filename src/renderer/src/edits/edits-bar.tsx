import './edits.css'
import { useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import { changeCountText } from './edit-changes'
import type { EditStore } from './edit-store'

/** Props of the staged-edits strip. */
export interface EditsBarProps {
  store: EditStore
  /** The last apply's outcome ("3 statements applied (committed)"), shown until the next edit. */
  outcome: string | null
  /** Why the table's rows are identified by chosen columns (no key), or null. */
  keyNote: string | null
  onReview: () => void
  /** An action offered beside the outcome (a query tab's Re-run), or null. */
  next?: { label: string; title: string; run: () => void } | null
}

/** "N changes · Review… · Discard" above the table's rows, with undo and redo. */
export function EditsBar({ store, outcome, keyNote, onReview, next = null }: EditsBarProps) {
  useSyncExternalStore(store.subscribe, store.getVersion)
  if (store.size === 0 && !outcome && !store.canUndo && !store.canRedo) return null
  return (
    <div className="edits-bar" data-testid={TID.editsBar} role="status">
      {store.size > 0 ? (
        <>
          <span className="edits-count" data-testid={TID.editsCount} data-count={store.size}>
            {changeCountText(store.size)}
          </span>
          <button type="button" className="primary" data-testid={TID.editsReview} onClick={onReview}>
            Review…
          </button>
          <button type="button" data-testid={TID.editsDiscard} onClick={() => store.discard()}>
            Discard
          </button>
        </>
      ) : outcome ? (
        <>
          <span className="edits-outcome" data-testid={TID.editsOutcome}>
            {outcome}
          </span>
          {next ? (
            <button type="button" data-testid={TID.editsNext} title={next.title} onClick={next.run}>
              {next.label}
            </button>
          ) : null}
        </>
      ) : (
        <span className="edits-count">No staged changes</span>
      )}
      <span className="edits-spacer" />
      {keyNote && store.size > 0 ? <span className="edits-note">{keyNote}</span> : null}
      <button
        type="button"
        data-testid={TID.editsUndo}
        disabled={!store.canUndo}
        title="Undo (Ctrl+Z)"
        onClick={() => store.undo()}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        data-testid={TID.editsRedo}
        disabled={!store.canRedo}
        title="Redo (Ctrl+Shift+Z / Ctrl+Y)"
        onClick={() => store.redo()}
      >
        ↷ Redo
      </button>
    </div>
  )
}
