import { useState } from 'react'
import type { SessionState } from '../../../shared/contract'
import { TID } from '../test-ids'
import { EditsBar } from './edits-bar'
import { ReviewDialog } from './review-dialog'
import type { ResultEditing } from './use-result-editing'

/**
 * A query result's staged-edits strip and review, or the reason it cannot be edited. Applying runs
 * in the tab's session: in manual-commit mode the changes wait in its transaction for Commit.
 * The query is not run again (it may write): the bar says so.
 */
export function ResultEditsBar({ edit, onSession }: { edit: ResultEditing; onSession: (s: SessionState) => void }) {
  const [reviewing, setReviewing] = useState(false)
  const [outcome, setOutcome] = useState<string | null>(null)
  const { store, editing, destination, refusal } = edit
  if (!store || !editing || !destination) {
    return refusal ? (
      <div className="edits-refusal" data-testid={TID.editsRefusal} role="note">
        Read-only: {refusal}
      </div>
    ) : null
  }
  return (
    <>
      <EditsBar store={store} outcome={outcome} keyNote={null} onReview={() => setReviewing(true)} />
      {reviewing ? (
        <ReviewDialog
          destination={destination}
          keyChoices={null}
          store={store}
          onApplied={(text, session) => {
            if (session) onSession(session)
            setOutcome(`${text} — run the query again to read the rows as stored`)
            setReviewing(false)
          }}
          onSession={onSession}
          onRefresh={() => undefined}
          onClose={() => setReviewing(false)}
        />
      ) : null}
    </>
  )
}
