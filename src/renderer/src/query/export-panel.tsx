import { countText } from '../../../shared/formats/count-text'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat, type TableQuery } from '../../../shared/contract'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import { ExportRun, type ExportRequest } from './export-run'
import { formatElapsed } from './run-format'

/** What an export re-runs: the connection, its database, and the result's source table if any. */
export interface ExportSource {
  connectionId: string
  database?: string
  table?: { schema: string | null; name: string }
  /** A table Data view's request: main builds the statement again (the shown SQL is not re-sent). */
  tableQuery?: TableQuery
}

/**
 * Export of the shown result to a file: format, the file (main's save dialog in the desktop app,
 * a typed absolute path in browser mode), then progress in rows written and a Cancel.
 */
export function ExportPanel({
  source,
  sql,
  script,
  onClose,
}: {
  source: ExportSource
  sql: string
  /** The whole script that was run, when it gave several results: they can be exported one file each. */
  script?: { sql: string; results: number }
  onClose: () => void
}) {
  const { client, router } = useApp()
  const [run] = useState(() => new ExportRun(client, router))
  useEffect(() => () => run.dispose(), [run])
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const [host, setHost] = useState<'electron' | 'browser' | null>(null)
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [path, setPath] = useState('')
  const [overwrite, setOverwrite] = useState(false)
  const [everyResult, setEveryResult] = useState(false)
  const all = everyResult && script !== undefined && !source.tableQuery
  useEffect(() => {
    void client.call('app.info', {}).then((result) => setHost(result.ok ? result.value.host : 'browser'))
  }, [client])

  const start = () => {
    const request: ExportRequest = {
      connectionId: source.connectionId,
      ...(source.tableQuery
        ? { tableQuery: source.tableQuery }
        : all
          ? { sql: script.sql, allResults: true }
          : { sql }),
      format,
      ...(source.database ? { database: source.database } : {}),
      ...(source.table ? { table: source.table } : {}),
      ...(host === 'browser' ? { path: path.trim(), overwrite } : {}),
    }
    void run.start(request)
  }
  const busy = run.busy
  return (
    <div className="export-panel" data-testid={TID.exportPanel}>
      <label>
        Format{' '}
        <select
          data-testid={TID.exportFormat}
          value={format}
          disabled={busy}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {EXPORT_FORMAT_INFO[f].label}
            </option>
          ))}
        </select>
      </label>
      {script && !source.tableQuery ? (
        <label title="Runs the whole script again; each result goes to its own file: name-1, name-2…">
          <input
            type="checkbox"
            data-testid={TID.exportAllResults}
            checked={everyResult}
            disabled={busy}
            onChange={(e) => setEveryResult(e.target.checked)}
          />{' '}
          Every result ({script.results} files)
        </label>
      ) : null}
      {host === 'browser' ? (
        <>
          <input
            className="export-path"
            data-testid={TID.exportPath}
            placeholder={`Absolute path, e.g. /home/me/result.${EXPORT_FORMAT_INFO[format].extension}`}
            aria-label="File to export to"
            value={path}
            disabled={busy}
            onChange={(e) => setPath(e.target.value)}
          />
          <label>
            <input
              type="checkbox"
              data-testid={TID.exportOverwrite}
              checked={overwrite}
              disabled={busy}
              onChange={(e) => setOverwrite(e.target.checked)}
            />{' '}
            Overwrite
          </label>
        </>
      ) : null}
      {busy ? (
        <button data-testid={TID.exportCancel} onClick={() => void run.cancel()}>
          ■ Cancel export
        </button>
      ) : (
        <button
          data-testid={TID.exportStart}
          disabled={host === null || (host === 'browser' && !path.trim())}
          onClick={start}
        >
          {host === 'electron' ? 'Export…' : 'Export'}
        </button>
      )}
      <span
        className={`export-status status-${state.status}`}
        data-testid={TID.exportStatus}
        data-status={state.status}
        data-rows={state.rowsWritten}
        role="status"
      >
        {describe(state)}
      </span>
      <button className="export-close" onClick={onClose} disabled={busy} aria-label="Close export">
        ×
      </button>
    </div>
  )
}

function describe(state: ReturnType<ExportRun['getState']>): string {
  const rows = countText(state.rowsWritten, 'row')
  const size = `${(state.bytesWritten / 1048576).toFixed(1)} MiB`
  switch (state.status) {
    case 'idle':
      return 'The statement runs again on the server; rows go straight to the file.'
    case 'starting':
      return 'Starting…'
    case 'running':
      return `${rows} written · ${size}`
    case 'done':
      return state.files
        ? `Exported ${rows} (${size}) to ${state.files.length} files: ${state.files.join(', ')} in ${formatElapsed(state.elapsedMs)}`
        : `Exported ${rows} (${size}) to ${state.path} in ${formatElapsed(state.elapsedMs)}`
    case 'cancelled':
      return `Cancelled after ${rows}; no file was left at ${state.path}`
    case 'error':
      return `Export failed: ${state.error?.message ?? 'unknown error'}`
  }
}
