import { useCallback, useEffect, useState } from 'react'
import type { EditConflict, EditPlan, EditTarget, QuarryError, SessionState } from '../../../shared/contract'
import { useApp } from '../app-context'
import { ModalDialog } from '../connections/modal-dialog'
import { copyText } from '../grid/clipboard'
import { TID } from '../test-ids'
import { ConflictView } from './conflict-view'
import { stagedChanges, wireChanges, type StagedChanges } from './edit-changes'
import type { EditStore } from './edit-store'
import { KeyPicker } from './key-picker'
import { paramText, planText } from './review-text'

/** Statements listed in the dialog; Copy SQL has them all. */
const SHOWN_STATEMENTS = 500

type Phase =
  | { step: 'key' }
  | { step: 'preview' }
  | { step: 'plan'; plan: EditPlan; cancelled?: boolean }
  | { step: 'error'; error: QuarryError }
  | { step: 'applying'; plan: EditPlan; applyId: string; cancelling?: boolean }
  | { step: 'conflict'; conflicts: EditConflict[]; kept: number[] }

/** Where staged edits go: the connection, the table, and the tab's session (query tabs). */
export interface EditDestination {
  connectionId: string
  database?: string | undefined
  target: EditTarget
  sessionId?: string | undefined
  manualCommit?: boolean | undefined
}

/** Props of the review dialog. */
export interface ReviewDialogProps {
  destination: EditDestination
  /** The table's columns, when it has no key and the user must choose one; else null. */
  keyChoices: readonly string[] | null
  store: EditStore
  /** The changes went in: the outcome's text (and the tab's session as it now is); rows are read again. */
  onApplied: (outcome: string, session: SessionState | null) => void
  /** The tab's session after a conflict rolled back (query tabs keep their transaction state). */
  onSession?: ((session: SessionState) => void) | undefined
  /** Reads the rows again (staged edits kept, matched by key). */
  onRefresh: () => void
  onClose: () => void
}

/**
 * Review: the exact statements main generated for the staged edits (SQL with its bound values,
 * the key and where it comes from, the transaction around them), Copy SQL, and Apply. A conflict
 * shows each conflicting row (mine / original / now on the server) to resolve, then reviews again.
 */
export function ReviewDialog(props: ReviewDialogProps) {
  const { destination, keyChoices, store, onApplied, onSession, onRefresh, onClose } = props
  const { client } = useApp()
  const [chosenKey, setChosenKey] = useState<string[]>([])
  const [staged, setStaged] = useState<StagedChanges>(() => stagedChanges(store.all()))
  // Inserts need no key: a keyless table asks for one only when a change updates or deletes.
  const needsKey = keyChoices !== null && staged.changes.some((change) => change.op !== 'insert')
  const [phase, setPhase] = useState<Phase>(needsKey ? { step: 'key' } : { step: 'preview' })
  const [notice, setNotice] = useState<string | null>(null)
  const request = useCallback(
    (changes: StagedChanges) => {
      const { sessionId, manualCommit } = destination
      return {
        connectionId: destination.connectionId,
        ...(destination.database ? { database: destination.database } : {}),
        target: destination.target,
        ...(needsKey && chosenKey.length > 0 ? { keyColumns: chosenKey } : {}),
        // Updates carry only their key and changed columns' original values.
        changes: wireChanges(changes.changes, needsKey ? chosenKey : store.keyedBy),
        // The tab's session: the review shows the transaction statements apply will run in it.
        ...(sessionId ? { sessionId, ...(manualCommit ? { manualCommit: true } : {}) } : {}),
      }
    },
    [destination, needsKey, chosenKey, store],
  )
  const preview = useCallback(
    async (changes: StagedChanges) => {
      setPhase({ step: 'preview' })
      const result = await client.call('edits.preview', request(changes))
      setPhase(result.ok ? { step: 'plan', plan: result.value } : { step: 'error', error: result.error })
    },
    [client, request],
  )
  useEffect(() => {
    if (phase.step === 'preview' && !needsKey) void preview(staged)
    // Only the first preview starts here; later ones follow the user's actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const apply = async (plan: EditPlan) => {
    // A fresh id per apply: Cancel names it (edits.cancel).
    const applyId = crypto.randomUUID()
    setPhase({ step: 'applying', plan, applyId })
    const result = await client.call('edits.apply', { ...request(staged), applyId })
    // Cancelled: rolled back, the staged edits stay and can be applied again.
    if (!result.ok && result.error.kind === 'cancelled') return setPhase({ step: 'plan', plan, cancelled: true })
    if (!result.ok) return setPhase({ step: 'error', error: result.error })
    const outcome = result.value
    if (outcome.kind === 'conflict') {
      if (outcome.session) onSession?.(outcome.session)
      // Changes a server without transactions kept are applied: no longer staged.
      const kept = outcome.keptChanges ?? []
      store.revertRows(kept.flatMap((change) => staged.keys[change] ?? []))
      return setPhase({ step: 'conflict', conflicts: outcome.conflicts, kept })
    }
    store.discard(true)
    const count = `${outcome.statements.toLocaleString('en-US')} ${outcome.statements === 1 ? 'statement' : 'statements'}`
    onApplied(`${count} applied (${outcome.committed ? 'committed' : 'waiting for Commit'})`, outcome.session)
  }
  const cancelApply = (applying: Extract<Phase, { step: 'applying' }>) => {
    setPhase({ ...applying, cancelling: true })
    void client.call('edits.cancel', { applyId: applying.applyId })
  }
  const reReview = () => {
    onRefresh()
    const next = stagedChanges(store.all())
    setStaged(next)
    if (next.changes.length === 0) return onClose()
    void preview(next)
  }
  const copy = async (plan: EditPlan) =>
    setNotice((await copyText(planText(plan))) ? `Copied ${plan.statements.length + 2} statements` : 'Copy failed')
  const plan = phase.step === 'plan' || phase.step === 'applying' ? phase.plan : null
  return (
    <ModalDialog
      title={phase.step === 'conflict' ? 'Conflicts' : 'Review changes'}
      testId={TID.reviewDialog}
      className="review-dialog"
      onClose={onClose}
    >
      {keyChoices && needsKey && phase.step !== 'conflict' ? (
        <KeyPicker
          columns={keyChoices}
          chosen={chosenKey}
          onChange={setChosenKey}
          onPreview={() => void preview(staged)}
        />
      ) : null}
      {phase.step === 'preview' ? <p className="review-note">Generating the statements…</p> : null}
      {phase.step === 'plan' && phase.cancelled ? (
        <p className="banner banner-error" role="alert" data-testid={TID.reviewCancelled}>
          Apply cancelled: nothing was applied. The changes are still staged.
        </p>
      ) : null}
      {phase.step === 'error' ? (
        <p className="banner banner-error" role="alert" data-testid={TID.reviewError}>
          {phase.error.message}
        </p>
      ) : null}
      {plan ? (
        <>
          <p className="review-note" data-testid={TID.reviewKey}>
            Rows are matched by {plan.key.columns.join(', ')} ({KEY_SOURCES[plan.key.source]}) and the original values
            of the columns changed; each statement must affect exactly one row, or nothing is kept. What runs is the SQL
            with its values bound as parameters; the literal form is shown to read and copy.
          </p>
          <div className="review-sql" data-testid={TID.reviewSql}>
            <pre className="review-wrapper">{plan.transaction.begin}</pre>
            {plan.statements.slice(0, SHOWN_STATEMENTS).map((statement, i) => (
              <div key={i} className="review-statement" data-testid={TID.reviewStatement}>
                <pre>{statement.display}</pre>
                <div className="review-bound">
                  <code>{statement.sql}</code>
                  {statement.params.length > 0 ? (
                    <span> · {statement.params.map((param, at) => `${at + 1}: ${paramText(param)}`).join(', ')}</span>
                  ) : null}
                </div>
              </div>
            ))}
            {plan.statements.length > SHOWN_STATEMENTS ? (
              <p className="review-note">
                …and {(plan.statements.length - SHOWN_STATEMENTS).toLocaleString('en-US')} more (Copy SQL has them all)
              </p>
            ) : null}
            <pre className="review-wrapper">{plan.transaction.end}</pre>
          </div>
        </>
      ) : null}
      {phase.step === 'conflict' ? (
        <ConflictView
          conflicts={phase.conflicts}
          kept={phase.kept}
          staged={staged}
          store={store}
          onReReview={reReview}
        />
      ) : null}
      <div className="modal-actions">
        {plan ? (
          <button type="button" data-testid={TID.reviewCopy} onClick={() => void copy(plan)}>
            Copy SQL
          </button>
        ) : null}
        {notice ? <span className="review-note">{notice}</span> : null}
        <span className="modal-spacer" />
        {phase.step === 'applying' ? (
          <button
            type="button"
            data-testid={TID.reviewCancelApply}
            disabled={phase.cancelling}
            onClick={() => cancelApply(phase)}
          >
            {phase.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" data-testid={TID.reviewCancel} onClick={onClose}>
            {phase.step === 'conflict' ? 'Close' : 'Cancel'}
          </button>
        )}
        {phase.step !== 'conflict' ? (
          <button
            type="button"
            className="primary"
            data-testid={TID.reviewApply}
            disabled={phase.step !== 'plan'}
            onClick={() => plan && void apply(plan)}
          >
            {phase.step === 'applying' ? 'Applying…' : `Apply ${staged.changes.length.toLocaleString('en-US')}`}
          </button>
        ) : null}
      </div>
    </ModalDialog>
  )
}

const KEY_SOURCES: Record<EditPlan['key']['source'], string> = {
  'primary-key': 'the primary key',
  unique: 'a unique NOT NULL key',
  chosen: 'the columns you chose',
  'document-id': 'the document _id',
  none: 'no key: inserts only',
}
