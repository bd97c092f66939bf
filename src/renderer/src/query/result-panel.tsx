import { useSyncExternalStore } from 'react'
import { ResultGrid } from '../grid/result-grid'
import { TID } from '../test-ids'
import type { QueryRun, RunState } from './query-run'

/** Status line, error and grid of one query run. */
export function ResultPanel(props: { run: QueryRun }) {
  const { run } = props
  const state = useSyncExternalStore(run.subscribe, run.getState)
  return (
    <div className="result-panel">
      <StatusLine state={state} />
      {state.status === 'error' && state.error ? (
        <div className="query-error" data-testid={TID.error} role="alert">
          <strong>{state.error.kind === 'syntax' ? 'SQL error' : 'Error'}</strong>
          {state.error.code ? <span className="error-code">{state.error.code}</span> : null}
          <span className="error-message">{state.error.message}</span>
          {state.error.position ? <span className="error-position">at character {state.error.position}</span> : null}
        </div>
      ) : null}
      <ResultGrid store={run.store} />
    </div>
  )
}

function StatusLine({ state }: { state: RunState }) {
  const label: Record<RunState['status'], string> = {
    idle: 'Ready',
    running: 'Running…',
    done: 'Done',
    cancelled: 'Cancelled',
    error: 'Error',
  }
  const rows =
    state.affectedRows !== null && state.columns.length === 0
      ? `${state.affectedRows.toLocaleString('en-US')} rows affected`
      : `${state.rowCount.toLocaleString('en-US')} rows`
  return (
    <div className={`status-line status-${state.status}`} data-testid={TID.status} data-status={state.status}>
      <span className="status-label">{label[state.status]}</span>
      {state.status !== 'idle' ? (
        <>
          <span data-testid={TID.statusRows} data-count={state.rowCount}>
            {rows}
          </span>
          <span data-testid={TID.statusTime}>{formatElapsed(state.elapsedMs)}</span>
        </>
      ) : null}
    </div>
  )
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}
