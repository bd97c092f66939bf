import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { SafeModeQuestion } from './safe-mode-question'

/** Longest statement text shown in the confirmation. */
const SHOWN = 300

/**
 * Safe mode's question after main stopped a run: the statement the server refused as a write
 * (nothing was changed), or, for engines judged by the lexer, the script's dangerous statements
 * (nothing ran). "Run anyway" runs the statement read-write (then the rest read-only).
 */
export function SafeModeDialog(props: {
  connectionName: string
  question: SafeModeQuestion
  onConfirm: () => void
  onCancel: () => void
}) {
  const { connectionName, question, onConfirm, onCancel } = props
  const wholesale = question.statements.some((s) => s.wholesale)
  return (
    <ModalDialog
      title={question.judge === 'server' ? 'Run this statement read-write?' : 'Run these statements?'}
      testId={TID.safeModeDialog}
      onClose={onCancel}
    >
      <p>
        Safe mode is on for <strong>{connectionName}</strong>.{' '}
        {question.judge === 'server'
          ? 'The server refused this statement in read-only mode, so it changed nothing. The statements before it ran (read-only).'
          : 'This engine cannot run read-only on demand: Quarry read the script (a hint, not a guarantee) and found statements that change or remove data wholesale.'}
      </p>
      {wholesale ? (
        <p className="banner banner-warn" data-testid={TID.safeModeWholesale}>
          This changes or removes data wholesale (DROP, TRUNCATE, or UPDATE/DELETE without a WHERE).
        </p>
      ) : null}
      <ul className="safe-mode-list">
        {question.statements.map((statement, index) => (
          <li key={index}>
            <strong>{statement.label}</strong>
            <pre data-testid={TID.safeModeStatement}>
              {statement.sql.length > SHOWN ? `${statement.sql.slice(0, SHOWN)}…` : statement.sql}
            </pre>
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
