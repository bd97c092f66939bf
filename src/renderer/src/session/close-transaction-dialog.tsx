import { useState, useSyncExternalStore } from 'react'
import type { QuarryError } from '../../../shared/contract'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { SessionStore } from './session-store'
import { closeQuestion } from './transaction-text'

/** Asked before a tab with an open transaction goes away: Commit, Roll back, or keep the tab. */
export function CloseTransactionDialog({ sessions }: { sessions: SessionStore }) {
  useSyncExternalStore(sessions.subscribe, sessions.getVersion)
  const [error, setError] = useState<QuarryError | null>(null)
  const [working, setWorking] = useState(false)
  const pending = sessions.pendingClose
  if (!pending) return null
  const answer = async (choice: 'commit' | 'rollback' | 'cancel') => {
    setWorking(true)
    setError(await sessions.answer(choice))
    setWorking(false)
  }
  return (
    <ModalDialog title="Open transaction" testId={TID.closeTransactionDialog} onClose={() => void answer('cancel')}>
      <p>{closeQuestion(pending.title, pending.state, Date.now())}</p>
      {error ? (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" data-testid={TID.closeCancel} onClick={() => void answer('cancel')} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          data-testid={TID.closeRollback}
          disabled={working}
          onClick={() => void answer('rollback')}
        >
          Roll back
        </button>
        {pending.state.transaction === 'open' ? (
          <button type="button" data-testid={TID.closeCommit} disabled={working} onClick={() => void answer('commit')}>
            Commit
          </button>
        ) : null}
      </div>
    </ModalDialog>
  )
}
