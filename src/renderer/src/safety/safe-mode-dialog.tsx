import { DANGER_LABELS } from '../../../shared/dialect/dangerous-statements'
import type { DangerousStatement } from '../../../shared/dialect/dangerous-statements'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'

/** Longest statement text shown in the confirmation. */
const SHOWN = 300

/** Safe mode's question before a script with dangerous statements runs: nothing runs unless confirmed. */
export function SafeModeDialog(props: {
  connectionName: string
  statements: DangerousStatement[]
  onConfirm: () => void
  onCancel: () => void
}) {
  const { connectionName, statements, onConfirm, onCancel } = props
  return (
    <ModalDialog title="Run these statements?" testId={TID.safeModeDialog} onClose={onCancel}>
      <p>
        Safe mode is on for <strong>{connectionName}</strong>. This script has statements that change or remove data
        wholesale:
      </p>
      <ul className="safe-mode-list">
        {statements.map((statement) => (
          <li key={`${statement.offset}:${statement.kind}`}>
            <strong>{DANGER_LABELS[statement.kind]}</strong>
            <pre>{statement.sql.length > SHOWN ? `${statement.sql.slice(0, SHOWN)}…` : statement.sql}</pre>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" data-testid={TID.safeModeCancel} onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" data-testid={TID.safeModeConfirm} onClick={onConfirm}>
          Run anyway
        </button>
      </div>
    </ModalDialog>
  )
}
