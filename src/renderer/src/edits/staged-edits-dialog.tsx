import { useSyncExternalStore } from 'react'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { EditRegistry } from './edit-registry'

/** Asks before staged edits would be lost (closing a tab) or read over (a refresh). */
export function StagedEditsDialog({ registry }: { registry: EditRegistry }) {
  useSyncExternalStore(registry.subscribe, registry.getVersion)
  const question = registry.pending
  if (!question) return null
  return (
    <ModalDialog title={question.title} testId={TID.stagedEditsDialog} onClose={() => question.answer('cancel')}>
      <p>{question.message}</p>
      <div className="modal-actions">
        <button type="button" onClick={() => question.answer('cancel')} autoFocus>
          Cancel
        </button>
        {question.keepLabel ? (
          <button type="button" data-testid={TID.stagedEditsKeep} onClick={() => question.answer('keep')}>
            {question.keepLabel}
          </button>
        ) : null}
        <button
          type="button"
          className="danger"
          data-testid={TID.stagedEditsDiscard}
          onClick={() => question.answer('discard')}
        >
          {question.discardLabel}
        </button>
      </div>
    </ModalDialog>
  )
}
