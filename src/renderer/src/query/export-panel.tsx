import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import {
  DEFAULT_CSV_OPTIONS,
  DEFAULT_SQL_OPTIONS,
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  type CsvOptions,
  type EngineId,
  type ExportFormat,
  type ResultColumn,
  type SqlOptions,
  type TableQuery,
} from '../../../shared/contract'
import { insertTableName, insertTargetOf } from '../../../shared/dialect/insert-target'
import { useApp } from '../app-context'
import { TID } from '../test-ids'
import { CsvOptionsFields, SqlOptionsFields, XlsxNote } from './export-options-fields'
import { ExportRun, type ExportRequest } from './export-run'
import { describeExport } from './export-status-text'

/** What an export re-runs: the connection, its database, and the result's source table if any. */
export interface ExportSource {
  connectionId: string
  engine: EngineId
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
  columns,
  script,
  onClose,
}: {
  source: ExportSource
  sql: string
  /** The shown result's columns: their origins name the table SQL INSERT statements write to. */
  columns: readonly ResultColumn[]
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
  const [destination, setDestination] = useState<'download' | 'path'>('download')
  const [everyResult, setEveryResult] = useState(false)
  const [bundle, setBundle] = useState<'zip' | 'files'>('zip')
  const [csv, setCsv] = useState<CsvOptions>(DEFAULT_CSV_OPTIONS)
  const [sqlOptions, setSqlOptions] = useState<SqlOptions>(DEFAULT_SQL_OPTIONS)
  const all = everyResult && script !== undefined && !source.tableQuery
  // Every result in a text format is a file per result: in one .zip (always so for a download), or numbered files.
  const perResult = all && format !== 'xlsx'
  const download = host === 'browser' && destination === 'download'
  const zip = perResult && (download || bundle === 'zip')
  const insertTable = useMemo(() => {
    const known = source.tableQuery
      ? { schema: source.tableQuery.schema, table: source.tableQuery.table }
      : insertTargetOf(columns)
    return known ? insertTableName(source.engine, known) : null
  }, [source, columns])
  useEffect(() => {
    void client.call('app.info', {}).then((result) => setHost(result.ok ? result.value.host : 'browser'))
  }, [client])

  const start = () => {
    const request: ExportRequest = {
      connectionId: source.connectionId,
      ...(source.tableQuery
        ? { tableQuery: source.tableQuery }
        : all
          ? { sql: script.sql, allResults: true, ...(zip ? { archive: true } : {}) }
          : { sql }),
      format,
      ...(format === 'csv' ? { options: { csv } } : format === 'sql' ? { options: { sql: sqlOptions } } : {}),
      ...(source.database ? { database: source.database } : {}),
      ...(source.table ? { table: source.table } : {}),
      ...(download ? { destination: 'download' as const } : host === 'browser' ? { path: path.trim(), overwrite } : {}),
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
        <label
          title={
            format === 'xlsx'
              ? 'Runs the whole script again; each result becomes a sheet of one workbook'
              : 'Runs the whole script again; each result goes to its own file (name-1, name-2…), in one .zip or side by side'
          }
        >
          <input
            type="checkbox"
            data-testid={TID.exportAllResults}
            checked={everyResult}
            disabled={busy}
            onChange={(e) => setEveryResult(e.target.checked)}
          />{' '}
          Every result ({script.results} {format === 'xlsx' ? 'sheets' : zip ? 'files in one .zip' : 'files'})
        </label>
      ) : null}
      {perResult && !download ? (
        <select
          data-testid={TID.exportBundle}
          aria-label="How the files of every result are saved"
          value={bundle}
          disabled={busy}
          onChange={(e) => setBundle(e.target.value as 'zip' | 'files')}
        >
          <option value="zip">One .zip</option>
          <option value="files">Numbered files side by side</option>
        </select>
      ) : null}
      {host === 'browser' ? (
        <select
          data-testid={TID.exportDestination}
          aria-label="Where the file goes"
          value={destination}
          disabled={busy}
          title={perResult ? 'A download of every result is one .zip with a file per result' : undefined}
          onChange={(e) => setDestination(e.target.value as 'download' | 'path')}
        >
          <option value="download">Download in the browser</option>
          <option value="path">Save on the server at a path</option>
        </select>
      ) : null}
      {host === 'browser' && !download ? (
        <>
          <input
            className="export-path"
            data-testid={TID.exportPath}
            placeholder={`Absolute path, e.g. /home/me/result.${zip ? 'zip' : EXPORT_FORMAT_INFO[format].extension}`}
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
          disabled={host === null || (host === 'browser' && !download && !path.trim())}
          onClick={start}
        >
          {host === 'electron' ? 'Export…' : download ? 'Download' : 'Export'}
        </button>
      )}
      <span
        className={`export-status status-${state.status}`}
        data-testid={TID.exportStatus}
        data-status={state.status}
        data-rows={state.rowsWritten}
        role="status"
      >
        {describeExport(state, download, all)}
      </span>
      <button className="export-close" onClick={onClose} disabled={busy} aria-label="Close export">
        ×
      </button>
      {format === 'csv' ? (
        <CsvOptionsFields value={csv} disabled={busy} onChange={(patch) => setCsv({ ...csv, ...patch })} />
      ) : format === 'sql' ? (
        <SqlOptionsFields
          value={sqlOptions}
          table={insertTable}
          perResult={all}
          disabled={busy}
          onChange={(patch) => setSqlOptions({ ...sqlOptions, ...patch })}
        />
      ) : format === 'xlsx' ? (
        <XlsxNote perResult={all} />
      ) : null}
    </div>
  )
}
