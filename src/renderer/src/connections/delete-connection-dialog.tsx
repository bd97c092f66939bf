import { useState } from 'react'
import type { ConnectionSummary, QuarryError } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { TID } from '../test-ids'
import { ModalDialog } from './modal-dialog'

/** Asks before deleting a saved connection (and its saved password); reports a failure in place. */
export function DeleteConnectionDialog(props: {
  client: QuarryClient
  connection: ConnectionSummary
  onDeleted: (connectionId: string) => void
  onClose: () => void
}) {
  const { client, connection, onDeleted, onClose } = props
  const [error, setError] = useState<QuarryError | null>(null)
  const [busy, setBusy] = useState(false)
  const remove = async (): Promise<void> => {
    setBusy(true)
    const result = await client.call('connections.delete', { connectionId: connection.id })
    setBusy(false)
    if (result.ok) onDeleted(connection.id)
    else setError(result.error)
  }
  return (
    <ModalDialog title="Delete connection" testId={TID.deleteConnectionDialog} onClose={onClose}>
      <p>
        Delete <strong>{connection.name}</strong> <span className="muted">({connection.detail})</span>? Its saved
        password goes with it; the database itself is not touched.
      </p>
      {error ? (
        <div className="query-error" role="alert">
          {error.message}
        </div>
      ) : null}
      <div className="modal-actions">
        <span className="modal-spacer" />
        <button type="button" data-testid={TID.deleteConnectionCancel} onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          data-testid={TID.deleteConnectionConfirm}
          disabled={busy}
          onClick={() => void remove()}
        >
          Delete
        </button>
      </div>
    </ModalDialog>
  )
}
