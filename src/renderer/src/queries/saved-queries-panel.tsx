import { useEffect, useState, useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import type { WorkspaceStore } from '../workspace/workspace-store'
import { hasUnsavedFileChanges } from './file-state'
import type { SavedQueriesStore } from './saved-queries-store'

/**
 * The sidebar's "Saved queries" section: the `.sql` files of the queries folder; a click opens one
 * into a tab (or goes to its tab). Refreshed when the window gets the focus back (files may have
 * changed outside). The desktop app also offers Open… and Folder… (main's dialogs).
 */
export function SavedQueriesPanel({ store, workspace }: { store: SavedQueriesStore; workspace: WorkspaceStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState)
  const tabs = useSyncExternalStore(workspace.subscribe, workspace.getState)
  const [expanded, setExpanded] = useState(true)
  useEffect(() => {
    void store.refresh()
    const onFocus = (): void => void store.refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [store])
  const { listing } = state
  const active = tabs.tabs.find((tab) => tab.id === tabs.activeId)
  const activeFile = active?.kind === 'query' ? active.file?.name : undefined
  const unsaved = new Set(
    tabs.tabs.flatMap((tab) => (tab.kind === 'query' && tab.file && hasUnsavedFileChanges(tab) ? [tab.file.name] : [])),
  )
  const message = state.error ?? state.notice
  return (
    <section className="saved-queries" data-testid={TID.savedQueries} data-expanded={expanded}>
      <div className="saved-queries-header">
        <button
          className="saved-queries-toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          title={listing ? `Saved queries in ${listing.path}` : 'Saved queries'}
        >
          <span className="saved-queries-caret">{expanded ? '▾' : '▸'}</span> Saved queries
          {listing ? <span className="saved-queries-count">{listing.files.length}</span> : null}
        </button>
        {listing?.canChoose ? (
          <>
            <button data-testid={TID.savedQueriesOpen} onClick={() => void store.open()} title="Open a .sql file">
              Open…
            </button>
            <button
              data-testid={TID.savedQueriesFolder}
              onClick={() => void store.chooseFolder()}
              title="Choose the folder saved queries live in"
            >
              Folder…
            </button>
          </>
        ) : null}
        <button
          data-testid={TID.savedQueriesRefresh}
          aria-label="Refresh saved queries"
          title="Read the folder again"
          onClick={() => void store.refresh()}
        >
          ↻
        </button>
      </div>
      {message && expanded ? (
        <div className="saved-queries-message" role="alert" data-testid={TID.savedQueriesMessage}>
          <span>{message}</span>
          <button aria-label="Dismiss" onClick={() => store.dismissNotice()}>
            ×
          </button>
        </div>
      ) : null}
      {expanded ? (
        <ul className="saved-queries-list" aria-label="Saved queries">
          {listing && listing.files.length === 0 ? (
            <li className="saved-queries-empty">
              No .sql files in <span className="saved-queries-path">{listing.path}</span> yet. Ctrl/Cmd+S saves the
              query tab here.
            </li>
          ) : null}
          {listing?.files.map((file) => {
            const slash = file.name.lastIndexOf('/')
            return (
              <li key={file.name}>
                <button
                  className={`saved-query${file.name === activeFile ? ' saved-query-active' : ''}`}
                  data-testid={TID.savedQuery}
                  data-name={file.name}
                  title={`${listing.path}/${file.name} — ${describeSize(file.size)}, ${new Date(file.modifiedMs).toLocaleString()}`}
                  onClick={() => void store.open(file.name)}
                >
                  <span className="saved-query-icon">▤</span>
                  {slash >= 0 ? <span className="saved-query-folder">{file.name.slice(0, slash + 1)}</span> : null}
                  <span className="saved-query-name">{file.name.slice(slash + 1)}</span>
                  {unsaved.has(file.name) ? (
                    <span className="saved-query-unsaved" title="Its tab has unsaved changes">
                      ●
                    </span>
                  ) : null}
                </button>
              </li>
            )
          })}
          {listing && listing.skipped > 0 ? (
            <li className="saved-queries-empty">{listing.skipped} more files are not listed</li>
          ) : null}
        </ul>
      ) : null}
    </section>
  )
}

const describeSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1048576).toFixed(1)} MiB`
