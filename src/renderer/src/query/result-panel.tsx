import { countText } from '../../../shared/formats/count-text'
import './result-tools.css'
import { useState, useSyncExternalStore, type ReactNode } from 'react'
import type { CompareContext } from '../compare/pin-strip'
import { useResultCompare } from '../compare/use-result-compare'
import { ResultGrid, type ResultGridProps } from '../grid/result-grid'
import { TID } from '../test-ids'
import { DocumentView } from './document-view'
import { ErrorBanner, type ErrorPlace } from './error-banner'
import { ExportPanel, type ExportSource } from './export-panel'
import type { LimitStop } from './grid-limits'
import { RowLimitSelect } from './row-limit-select'
import type { QueryRun, RunState } from './query-run'
import { formatElapsed, rowsText } from './run-format'
import { ResultTabs } from './result-tabs'
import { CommandSummary, ServerMessages } from './server-messages'

/**
 * Status line, error, one tab per statement of the script, and the chosen result. With
 * `documents` (document engines) the result can also be shown as a tree per document.
 */
export function ResultPanel(props: {
  run: QueryRun
  documents?: boolean
  copyTarget?: ResultGridProps['copyTarget']
  /** Where Export re-runs the shown statement; without it there is no Export. */
  exportSource?: ExportSource
  /** A note under the status line (the grid's row limit), or null. */
  note?: string | null
  /** Header clicks sort on the server (the table Data view) instead of over the loaded rows. */
  serverSort?: ResultGridProps['serverSort']
  /** Foreign keys of the result's table: key values are links (the table Data view). */
  keyLinks?: ResultGridProps['keyLinks']
  /** Editing in the grid (the table Data view, an editable query result). */
  editing?: ResultGridProps['editing']
  /** Shown after the status line (a paged table's rows loaded and Fetch all). */
  pages?: ReactNode
  /** Where the rows in view end (a paged table loads its next page). */
  onViewEnd?: ResultGridProps['onViewEnd']
  /** Why the result shown cannot be edited (a query result), said once in the status row; or null. */
  editNote?: string | null
  /** Where the error is in the editor (1-based), when known. */
  errorAt?: ErrorPlace | null
  /** Pinning results and comparing with pinned ones (query tabs). */
  compare?: CompareContext
}) {
  const { run, documents = false, copyTarget, exportSource, note, serverSort, keyLinks, editing, editNote } = props
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const [mode, setMode] = useState<'grid' | 'documents'>('grid')
  const current = run.current
  const [exporting, setExporting] = useState<string | null>(null)
  const exportable = exportSource && current && current.columns.length > 0
  const withRows = state.results.filter((result) => result.columns.length > 0).length
  const script = withRows > 1 ? { sql: state.sql, results: withRows } : undefined
  const shownNote = state.limited ? limitNote(state.limited, state.rowCount, exportable === true) : note
  const compare = useResultCompare(run, current, props.compare, copyTarget?.engine)
  return (
    <div className="result-panel">
      <div className="result-status-row">
        <StatusLine state={state} />
        {props.pages}
        {editNote ? (
          <span className="result-edit-note" data-testid={TID.editsRefusal} title={editNote}>
            {editNote}
          </span>
        ) : null}
        <RowLimitSelect />
        {compare.buttons}
        {exportable ? (
          <button
            className="export-open"
            data-testid={TID.exportButton}
            title="Export the whole result to a file (runs the statement again)"
            onClick={() => setExporting(current.sql)}
          >
            ⤓ Export…
          </button>
        ) : null}
      </div>
      {shownNote ? (
        <div className="result-note" data-testid={TID.resultNote} role="status">
          {shownNote}
        </div>
      ) : null}
      {exporting !== null && exportSource ? (
        <ExportPanel
          source={exportSource}
          sql={exporting}
          columns={current?.columns ?? []}
          {...(script ? { script } : {})}
          onClose={() => setExporting(null)}
        />
      ) : null}
      {documents ? (
        <div className="segmented result-mode" role="tablist">
          <button
            role="tab"
            aria-selected={mode === 'grid'}
            data-testid={TID.resultModeGrid}
            onClick={() => setMode('grid')}
          >
            Grid
          </button>
          <button
            role="tab"
            aria-selected={mode === 'documents'}
            data-testid={TID.resultModeDocuments}
            onClick={() => setMode('documents')}
          >
            Documents
          </button>
        </div>
      ) : null}
      {state.status === 'error' && state.error ? <ErrorBanner error={state.error} at={props.errorAt ?? null} /> : null}
      {state.results.length > 1 ? <ResultTabs run={run} state={state} onContextMenu={compare.onResultMenu} /> : null}
      {compare.strip}
      {current?.isCommand ? (
        <CommandSummary result={current} />
      ) : current && current.messages.length > 0 && current.done ? (
        <ServerMessages messages={current.messages} />
      ) : null}
      {compare.shownPin ? (
        <ResultGrid
          key={compare.shownPin.id}
          store={compare.shownPin.store}
          emptyText="No rows"
          copyTarget={copyTarget}
        />
      ) : compare.diffView ? (
        compare.diffView
      ) : current?.isCommand ? null : current && documents && mode === 'documents' ? (
        <DocumentView key={current.id} store={current.store} onViewEnd={props.onViewEnd} />
      ) : current ? (
        <ResultGrid
          key={current.id}
          store={current.store}
          emptyText={current.done ? 'No rows' : ''}
          copyTarget={copyTarget}
          serverSort={serverSort}
          keyLinks={keyLinks}
          editing={editing}
          onViewEnd={props.onViewEnd}
        />
      ) : null}
      {compare.overlays}
    </div>
  )
}

function StatusLine({ state }: { state: RunState }) {
  const label: Record<RunState['status'], string> = {
    idle: 'Ready',
    running: 'Running…',
    done: state.limited ? 'Stopped at the grid limit' : 'Done',
    cancelled: state.limited ? 'Stopped at the grid limit' : 'Cancelled',
    error: 'Error',
  }
  const statements = state.results.length > 1 ? `${state.results.length} statements · ` : ''
  return (
    <div
      className={`status-line status-${state.status}`}
      data-testid={TID.status}
      data-status={state.status}
      data-server-sent={state.server.sent}
      data-server-read={state.server.read}
    >
      <span className="status-label">{label[state.status]}</span>
      {state.status !== 'idle' ? (
        <>
          <span data-testid={TID.statusRows} data-count={state.rowCount}>
            {statements}
            {rowsText(state.rowCount)}
          </span>
          <span data-testid={TID.statusTime}>{formatElapsed(state.elapsedMs)}</span>
        </>
      ) : null}
    </div>
  )
}

function limitNote(stop: LimitStop, rows: number, exportable: boolean): string {
  const why =
    stop.reason === 'rows'
      ? `the grid row limit (${stop.limit.toLocaleString('en-US')})`
      : `the grid's memory budget (${Math.round(stop.limit / 1048576).toLocaleString('en-US')} MiB of rows)`
  const rest = exportable ? ' Export writes every row of the result to a file.' : ''
  const read = stop.reason === 'rows' ? ' (no more rows were read from the server)' : ''
  return `The query was stopped after ${countText(rows, 'row')}: ${why}${read}.${rest}`
}
