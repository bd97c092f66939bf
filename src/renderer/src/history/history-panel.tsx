import { useEffect, useState } from 'react'
import type { ConnectionSummary, HistoryEntry, QuarryError } from '../../../shared/contract'
import { useApp } from '../app-context'
import { firstLine, formatElapsed } from '../query/run-format'
import { TID } from '../test-ids'
import { rowsText } from '../query/run-format'

const OUTCOME_MARK: Record<HistoryEntry['outcome'], string> = { done: '✓', error: '✕', cancelled: '■' }
const SEARCH_DELAY_MS = 150

/** Every run, newest first, searchable; an entry opens in a new editor (or opens and runs). */
export function HistoryPanel(props: { connections: ConnectionSummary[]; onClose: () => void }) {
  const { client, workspace } = useApp()
  const [query, setQuery] = useState('')
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  const [error, setError] = useState<QuarryError | null>(null)
  // Bumped when a run ends, so an open panel shows it (main records a run before its end arrives).
  const [ended, setEnded] = useState(0)
  useEffect(() => client.onEvent((message) => message.event === 'query.end' && setEnded((n) => n + 1)), [client])

  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      void client.call('history.search', { query, limit: 500 }).then((result) => {
        if (!current) return
        if (result.ok) {
          setEntries(result.value)
          setError(null)
        } else setError(result.error)
      })
    }, SEARCH_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, query, ended])

  const name = (id: string) => props.connections.find((c) => c.id === id)?.name ?? `${id} (removed)`
  const open = (entry: HistoryEntry, run: boolean) =>
    workspace.openQuery(entry.connectionId, entry.engine, entry.sql, { run })
  return (
    <aside className="history-panel" data-testid={TID.historyPanel} aria-label="History">
      <div className="history-header">
        <strong>History</strong>
        <input
          data-testid={TID.historySearch}
          type="search"
          placeholder="Search SQL and errors…"
          value={query}
          autoFocus
          onChange={(event) => setQuery(event.target.value)}
        />
        <button onClick={props.onClose} aria-label="Close History">
          ×
        </button>
      </div>
      {error ? <div className="query-error">{error.message}</div> : null}
      {entries.length === 0 && !error ? (
        <div className="history-empty">{query ? 'No run matches' : 'No runs yet'}</div>
      ) : null}
      <ol className="history-list">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className={`history-entry history-${entry.outcome}`}
            data-testid={TID.historyEntry}
            data-outcome={entry.outcome}
          >
            <div className="history-meta">
              <span className="history-outcome" title={entry.outcome}>
                {OUTCOME_MARK[entry.outcome]}
              </span>
              <time dateTime={entry.startedAt}>{new Date(entry.startedAt).toLocaleString()}</time>
              <span>{name(entry.connectionId)}</span>
              <span>{formatElapsed(entry.elapsedMs)}</span>
              <span>{rowsText(entry.rowCount)}</span>
            </div>
            <code className="history-sql" title={entry.sql}>
              {firstLine(entry.sql)}
              {entry.truncated ? ' (cut)' : ''}
            </code>
            {entry.error ? <div className="history-error">{entry.error.message}</div> : null}
            <div className="history-actions">
              <button data-testid={TID.historyOpen} onClick={() => open(entry, false)}>
                Open
              </button>
              <button data-testid={TID.historyRun} onClick={() => open(entry, true)}>
                Run again
              </button>
            </div>
          </li>
        ))}
      </ol>
    </aside>
  )
}
