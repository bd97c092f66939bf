import { useRef, useSyncExternalStore } from 'react'
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
  const start = (sql: string): void => {
    if (sql.trim()) void run.start(sql)
  }
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
          initialValue={tab.sql}
          onChange={(sql) => {
            text.current = sql
            workspace.patch(tab.id, { sql })
          }}
          onRun={start}
          onCancel={() => {
            if (run.getState().status !== 'running') return false
            void run.cancel()
            return true
          }}
        />
      </div>
      <ResultPanel run={run} />
    </div>
  )
}
