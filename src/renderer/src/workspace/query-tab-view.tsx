import { useMemo, useRef, useSyncExternalStore } from 'react'
import { errorMark } from '../editor/editor-mark'
import { useApp } from '../app-context'
import { SqlEditor } from '../editor/sql-editor'
import { ResultPanel } from '../query/result-panel'
import { useQueryRun } from '../query/use-query-run'
import { TID } from '../test-ids'
import type { QueryTab } from './workspace-store'

/** A SQL editor over its result: Run (Ctrl/Cmd+Enter), Cancel (Esc). */
export function QueryTabView({ tab }: { tab: QueryTab }) {
  const { workspace } = useApp()
  const run = useQueryRun(tab.connectionId)
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const running = state.status === 'running'
  const text = useRef(tab.sql)
  const runOffset = useRef(0)
  const start = (sql: string, offset = 0): void => {
    if (!sql.trim()) return
    runOffset.current = offset
    void run.start(sql)
  }
  const failed = state.status === 'error' ? state.results.at(-1) : undefined
  const mark = useMemo(
    () => (state.status === 'error' && state.error ? errorMark(state.error, failed, runOffset.current) : null),
    [state.status, state.error, failed],
  )
  return (
    <div className="query-tab">
      <div className="toolbar">
        <button
          data-testid={TID.runButton}
          onClick={() => start(text.current)}
          disabled={running}
          title="Run (Ctrl/Cmd+Enter)"
        >
          ▶ Run
        </button>
        <button
          data-testid={TID.cancelButton}
          onClick={() => void run.cancel()}
          disabled={!running}
          title="Cancel (Esc)"
        >
          ■ Cancel
        </button>
        <span className="toolbar-hint">Ctrl/Cmd+Enter runs the selection or the whole script · Esc cancels</span>
      </div>
      <div className="editor-pane">
        <SqlEditor
          engine={tab.engine}
          initialValue={tab.sql}
          onChange={(sql) => {
            text.current = sql
            workspace.patch(tab.id, { sql })
          }}
          onRun={start}
          mark={mark}
          onCancel={() => {
            if (run.getState().status !== 'running') return false
            void run.cancel()
            return true
          }}
        />
      </div>
      <ResultPanel
        run={run}
        copyTarget={{ engine: tab.engine, table: null }}
        exportSource={{ connectionId: tab.connectionId }}
      />
    </div>
  )
}
