import { useState } from 'react'
import { queryFileNameProblem } from '../../../shared/contract'
import { ModalDialog } from '../connections/modal-dialog'
import { TID } from '../test-ids'
import type { QueryTab } from '../workspace/workspace-store'
import type { SavedQueriesStore } from './saved-queries-store'

/**
 * Save as (browser mode, where main has no dialogs): a name inside the queries folder, `.sql`
 * added when missing; a taken name asks before it is replaced.
 */
export function SaveQueryDialog(props: {
  store: SavedQueriesStore
  tab: QueryTab
  folder: string | null
  onClose: () => void
}) {
  const { store, tab, folder, onClose } = props
  const [name, setName] = useState(tab.file?.name ?? `${tab.title.replace(/[\\/:]/g, '-')}.sql`)
  const [replacing, setReplacing] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async (overwrite: boolean): Promise<void> => {
    const wanted = /\.sql$/i.test(name.trim()) ? name.trim() : `${name.trim()}.sql`
    const problem = queryFileNameProblem(wanted)
    if (problem) return setError(problem)
    setBusy(true)
    const outcome = await store.saveAs(tab, wanted, overwrite)
    setBusy(false)
    if (outcome.kind === 'saved' || outcome.kind === 'dismissed') return onClose()
    if (outcome.kind === 'exists') return setReplacing(outcome.name)
    setError(outcome.error.message)
  }
  return (
    <ModalDialog title="Save query as" testId={TID.saveQueryDialog} onClose={onClose}>
      <form
        className="save-query-form"
        onSubmit={(event) => {
          event.preventDefault()
          void save(replacing !== null)
        }}
      >
        <label className="field">
          <span>File name{folder ? <span className="muted"> in {folder}</span> : null}</span>
          <input
            data-testid={TID.saveQueryName}
            value={name}
            autoFocus
            spellCheck={false}
            onFocus={(event) => event.target.setSelectionRange(0, event.target.value.replace(/\.sql$/i, '').length)}
            onChange={(event) => {
              setName(event.target.value)
              setReplacing(null)
              setError(null)
            }}
          />
        </label>
        {replacing ? (
          <p className="save-query-replace" role="alert">
            <strong>{replacing}</strong> already exists. Replace it?
          </p>
        ) : null}
        {error ? (
          <div className="query-error" role="alert" data-testid={TID.saveQueryError}>
            {error}
          </div>
        ) : null}
        <div className="modal-actions">
          <span className="modal-spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={replacing ? 'danger' : 'primary'}
            data-testid={TID.saveQueryConfirm}
            disabled={busy || name.trim() === ''}
          >
            {replacing ? 'Replace' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
