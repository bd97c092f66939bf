import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import type { QueryTab } from '../workspace/workspace-store'
import { hasUnsavedFileChanges } from './file-state'
import { SaveQueryDialog } from './save-query-dialog'
import type { SaveOutcome } from './saved-queries-store'

/**
 * A query tab's Save (Ctrl/Cmd+S) and Save as… (Ctrl/Cmd+Shift+S): to its `.sql` file in the
 * queries folder. Save as asks for a name in the page (browser mode) or in main's dialog (desktop).
 */
export function QueryFileActions({ tab, active }: { tab: QueryTab; active: boolean }) {
  const { savedQueries } = useApp()
  const { listing } = useSyncExternalStore(savedQueries.subscribe, savedQueries.getState)
  const [asking, setAsking] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const desktop = listing?.canChoose === true
  const finish = (outcome: SaveOutcome): void => {
    if (outcome.kind === 'failed') setFailure(outcome.error.message)
    else setFailure(null)
  }
  const saveAs = (): void => {
    if (desktop) void savedQueries.saveAs(tab).then(finish)
    else setAsking(true)
  }
  const save = (): void => {
    if (tab.file) void savedQueries.save(tab).then(finish)
    else saveAs()
  }
  const keys = useRef({ save, saveAs })
  keys.current = { save, saveAs }
  useEffect(() => {
    if (!active) return
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return
      event.preventDefault()
      if (event.shiftKey) keys.current.saveAs()
      else keys.current.save()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [active])
  const unsaved = hasUnsavedFileChanges(tab)
  return (
    <>
      <button
        data-testid={TID.saveQuery}
        onClick={save}
        aria-label={unsaved ? 'Save (unsaved changes)' : 'Save'}
        title={
          tab.file
            ? `Save to ${tab.file.name}${unsaved ? ' (unsaved changes)' : ''} (Ctrl/Cmd+S)`
            : 'Save as a .sql file (Ctrl/Cmd+S)'
        }
      >
        Save
      </button>
      <button data-testid={TID.saveQueryAs} onClick={saveAs} title="Save as a new .sql file (Ctrl/Cmd+Shift+S)">
        Save as…
      </button>
      {failure ? (
        <span className="query-file-failure" role="alert" title={failure}>
          Not saved: {failure} <button onClick={() => setFailure(null)}>×</button>
        </span>
      ) : null}
      {asking ? (
        <SaveQueryDialog
          store={savedQueries}
          tab={tab}
          folder={listing?.path ?? null}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </>
  )
}
