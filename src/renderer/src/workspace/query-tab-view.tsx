import { useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { dangerousStatements, sqlDialectOf } from '../../../shared/dialect/dangerous-statements'
import type { DangerousStatement } from '../../../shared/dialect/dangerous-statements'
import { errorMark } from '../editor/editor-mark'
import { useApp } from '../app-context'
import { SqlEditor } from '../editor/sql-editor'
import { queryLanguageOf } from '../../../shared/contract'
import { ResultPanel } from '../query/result-panel'
import { useQueryRun } from '../query/use-query-run'
import { ConnectionBadges } from '../safety/connection-badges'
import { SafeModeDialog } from '../safety/safe-mode-dialog'
import { useConnectionSummary } from '../safety/use-connection-summary'
import { TID } from '../test-ids'
import type { QueryTab } from './workspace-store'

/** A SQL editor over its result: Run (Ctrl/Cmd+Enter), Cancel (Esc). */
export function QueryTabView({ tab }: { tab: QueryTab }) {
  const { workspace, tree } = useApp()
  const connection = useConnectionSummary(tree, tab.connectionId)
  // Safe mode: a script with dangerous statements waits here for the user's answer.
  const [asking, setAsking] = useState<{ sql: string; offset: number; statements: DangerousStatement[] } | null>(null)
  const run = useQueryRun(tab.connectionId)
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const running = state.status === 'running'
  const text = useRef(tab.sql)
  const runOffset = useRef(0)
  const launch = (sql: string, offset: number, confirmedDangerous = false): void => {
    runOffset.current = offset
    void run.start(sql, confirmedDangerous ? { confirmedDangerous } : {})
  }
  const start = (sql: string, offset = 0): void => {
    if (!sql.trim()) return
    const dialect = sqlDialectOf(tab.engine)
    const statements = connection?.safeMode && dialect ? dangerousStatements(sql, dialect) : []
    if (statements.length > 0) setAsking({ sql, offset, statements })
    else launch(sql, offset)
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
        <ConnectionBadges connection={connection} />
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
      <ResultPanel run={run} documents={queryLanguageOf(tab.engine) === 'mongodb-shell'} />
      {asking ? (
        <SafeModeDialog
          connectionName={connection?.name ?? ''}
          statements={asking.statements}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null)
            launch(asking.sql, asking.offset, true)
          }}
        />
      ) : null}
    </div>
  )
}
