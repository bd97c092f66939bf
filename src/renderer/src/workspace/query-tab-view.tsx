import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { changesCatalog } from '../../../shared/dialect/catalog-changes'
import { sqlDialectOf } from '../../../shared/dialect/dangerous-statements'
import { ENGINE_EDITING } from '../../../shared/dialect/engine-editing'
import { isPlainSelect } from '../../../shared/dialect/plain-select'
import { findEditTarget } from '../../../shared/mongo-shell/find-edit-target'
import { useApp } from '../app-context'
import { sqlCompletionSource } from '../editor/completion/completion-source'
import type { EditorText } from '../editor/editor-commands'
import { errorMark } from '../editor/editor-mark'
import { SqlEditor } from '../editor/sql-editor'
import { QueryFileActions } from '../queries/query-file-actions'
import { queryLanguageOf } from '../../../shared/contract'
import type { EditorHandle } from '../editor/sql-editor'
import { EditsBar } from '../edits/edits-bar'
import { ReviewDialog } from '../edits/review-dialog'
import { useResultEditing } from '../edits/use-result-editing'
import { EditorSplitter, useEditorShare } from '../layout/editor-splitter'
import { ExplainRun } from '../plan/explain-run'
import { PlanPanel } from '../plan/plan-panel'
import { ResultPanel } from '../query/result-panel'
import { pinBoard } from '../compare/pin-board'
import { TableEditing } from '../edits/table-editing'
import { useQueryRun } from '../query/use-query-run'
import { ConnectionBadges } from '../safety/connection-badges'
import { SafeModeDialog } from '../safety/safe-mode-dialog'
import { safeModeQuestion } from '../safety/safe-mode-question'
import type { SafeModeQuestion } from '../safety/safe-mode-question'
import { useConnectionSummary } from '../safety/use-connection-summary'
import { SessionBanners, TransactionBar } from '../session/transaction-bar'
import { TID } from '../test-ids'
import { engineOf } from '../../../shared/engines/engine-list'
import { TabTarget } from './tab-target'
import { useResultKeyLinks } from './use-result-key-links'
import type { QueryTab } from './workspace-store'

/**
 * A SQL editor over its results (or the plan of the last Explain). Run: the selection or the
 * statement under the cursor; Run script: everything. Shortcuts: see the help panel (F1).
 */
export function QueryTabView({ tab, active = true }: { tab: QueryTab; active?: boolean }) {
  const { workspace, tree, client, catalogs, sessions, layout, edits } = useApp()
  const editorShare = useEditorShare(layout)
  const tabElement = useRef<HTMLDivElement>(null)
  const connection = useConnectionSummary(tree, tab.connectionId)
  // Safe mode: a run main stopped (the server refused a write) waits here for the user's answer.
  const [asking, setAsking] = useState<SafeModeQuestion | null>(null)
  const run = useQueryRun(tab.connectionId)
  run.onSession = (session) => sessions.record(tab.id, session)
  // The tab's own server session, where the engine has transactions (descriptor), and its commit mode.
  const transactions = engineOf(tab.engine).transactions !== null
  useSyncExternalStore(sessions.subscribe, sessions.getVersion)
  // Safe mode and read-only connections (servers that judge writes) run each statement in a
  // read-only transaction of the driver's own: no transaction of the user's spans runs there.
  const guarded =
    engineOf(tab.engine).capabilities.serverJudgesWrites &&
    (connection?.safeMode === true || connection?.readOnly === true)
  const manualCommit =
    transactions && !guarded && (sessions.view(tab.id).manualCommit ?? connection?.manualCommit ?? false)
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const [explain] = useState(() => new ExplainRun(client, tab.connectionId, tab.database))
  const explainState = useSyncExternalStore(explain.subscribe, explain.getState)
  const [showing, setShowing] = useState<'results' | 'plan'>('results')
  const [confirmAnalyze, setConfirmAnalyze] = useState<EditorText | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const editor = useRef<EditorHandle | null>(null)
  const running = state.status === 'running'
  const runOffset = useRef(0)
  // Safe mode runs read-only: when the server refuses a statement as a write, ask before running it.
  const dialect = sqlDialectOf(tab.engine)
  const editing = ENGINE_EDITING[tab.engine]
  const completion = useMemo(
    () => sqlCompletionSource(tab.engine, catalogs.for(tab.connectionId, tab.engine)),
    [catalogs, tab.connectionId, tab.engine],
  )
  // Editing the result shown (its columns from one table, the key among them), applied in the tab's session.
  const editSession = useMemo(
    () => (transactions ? { sessionId: tab.id, manualCommit } : null),
    [transactions, tab.id, manualCommit],
  )
  const ranOn = useRef<{ connectionId: string; database?: string | undefined } | null>(null)
  const resultEditing = useResultEditing(tab, run, editSession, ranOn.current)
  const keyLinks = useResultKeyLinks(tab, run, ranOn.current)
  // Pins of this tab go with it.
  useEffect(() => () => pinBoard.unpinOwner(tab.id), [tab.id])
  const tableKey = resultEditing.editing instanceof TableEditing ? (resultEditing.editing.key?.columns ?? []) : []
  const [reviewing, setReviewing] = useState(false)
  const [outcome, setOutcome] = useState<{ text: string; rerun: boolean } | null>(null)
  const lastRun = useRef<{ sql: string; offset: number } | null>(null)
  // Running again replaces the result the edits were staged on: with staged edits, ask first.
  const launch = (sql: string, offset: number, confirm: SafeModeQuestion['rerun']['confirm'] | null = null): void =>
    edits.guardRun(tab.id, tab.title, () => {
      runOffset.current = offset
      lastRun.current = { sql, offset }
      ranOn.current = { connectionId: tab.connectionId, database: tab.database }
      setShowing('results')
      setMessage(null)
      setOutcome(null)
      const session = transactions ? { sessionId: tab.id, ...(manualCommit ? { manualCommit: true } : {}) } : {}
      void run.start(sql, { ...(confirm ?? {}), ...(tab.database ? { database: tab.database } : {}), ...session })
    })
  const applied = (text: string): void => {
    setReviewing(false)
    const last = lastRun.current
    // A plain read (the tab's only statement: a SELECT, or a find) runs again at once; anything else waits for Re-run.
    const plain = (sql: string) => (dialect ? isPlainSelect(sql, dialect) : findEditTarget(sql).editable)
    if (last !== null && state.results.length === 1 && plain(last.sql)) {
      launch(last.sql, last.offset)
      const read = dialect ? 'SELECT' : 'find'
      setOutcome({ text: `${text}; the ${read} was run again to show the rows as they are now`, rerun: false })
    } else setOutcome({ text: `${text}. The rows shown are as read before: Re-run to read them again`, rerun: true })
  }
  const start = (text: EditorText | null): void => {
    if (!text || !text.sql.trim()) return
    launch(text.sql, text.offset)
  }
  // A run that created, changed or dropped objects: the tree and completion load them again.
  useEffect(() => {
    if (state.status === 'idle' || state.status === 'running' || !dialect) return
    if (!changesCatalog(state.sql, dialect)) return
    catalogs.forget(tab.connectionId)
    void tree.refreshConnection(tab.connectionId)
  }, [state.status, state.sql, dialect, catalogs, tree, tab.connectionId])
  useEffect(() => {
    if (state.status !== 'error' || !connection?.safeMode || !dialect) return
    const refused = state.results.at(-1)
    const question = safeModeQuestion(state.error, state.sql, runOffset.current, refused, dialect)
    if (question) setAsking(question)
  }, [state.status, state.error, state.sql, state.results, connection?.safeMode, dialect])
  const startExplain = (text: EditorText | null, analyze: boolean): void => {
    if (!text || !text.sql.trim()) return
    setConfirmAnalyze(null)
    setShowing('plan')
    void explain.start(text.sql, analyze)
  }
  const failed = state.status === 'error' ? state.results.at(-1) : undefined
  const mark = useMemo(
    () =>
      state.status === 'error' && state.error
        ? errorMark(state.error, failed, runOffset.current, editor.current?.whole().sql)
        : null,
    [state.status, state.error, failed],
  )
  return (
    <div
      className="query-tab"
      ref={tabElement}
      onKeyDown={(event) => {
        // Mod+Alt+Enter commits, Mod+Alt+Backspace rolls back the tab's open transaction.
        if (!transactions || !(event.ctrlKey || event.metaKey) || !event.altKey) return
        const action = event.key === 'Enter' ? 'commit' : event.key === 'Backspace' ? 'rollback' : null
        if (!action || running) return
        event.preventDefault()
        event.stopPropagation()
        void sessions.end(tab.id, action)
      }}
    >
      <div className="toolbar">
        <button
          data-testid={TID.runButton}
          onClick={() => start(editor.current?.current() ?? null)}
          disabled={running}
          title="Run the selection or the statement under the cursor (Ctrl/Cmd+Enter)"
        >
          ▶ Run
        </button>
        <button
          data-testid={TID.runScriptButton}
          onClick={() => start(editor.current?.whole() ?? null)}
          disabled={running}
          title="Run the whole script (Ctrl/Cmd+Shift+Enter)"
        >
          ▶▶ Script
        </button>
        <button
          data-testid={TID.cancelButton}
          onClick={() => void run.cancel()}
          disabled={!running}
          title="Cancel (Esc)"
        >
          ■ Cancel
        </button>
        <QueryFileActions tab={tab} active={active} />
        <TabTarget tab={tab} active={active} />
        <ConnectionBadges connection={connection} />
        {transactions ? (
          <TransactionBar
            sessions={sessions}
            tabId={tab.id}
            manualCommit={manualCommit}
            running={running}
            lockedReason={
              guarded ? 'Safe mode / read-only: each statement runs in a read-only transaction of its own' : null
            }
          />
        ) : null}
        {editing.explain ? (
          <button
            data-testid={TID.explainButton}
            onClick={() => startExplain(editor.current?.current() ?? null, false)}
            title="Explain the statement (Ctrl/Cmd+Shift+E)"
          >
            Explain
          </button>
        ) : null}
        {editing.explainAnalyze ? (
          <button
            data-testid={TID.explainAnalyzeButton}
            onClick={() => setConfirmAnalyze(editor.current?.current() ?? null)}
            title="Run the statement and measure its plan"
          >
            Explain analyze…
          </button>
        ) : null}
        {editing.formatter ? (
          <button data-testid={TID.formatButton} onClick={() => editor.current?.format()} title="Format (Shift+Alt+F)">
            Format
          </button>
        ) : null}
        <span className="toolbar-hint">Ctrl/Cmd+Enter runs the statement under the cursor · F1 shortcuts</span>
      </div>
      {confirmAnalyze ? (
        <div className="banner banner-warn" role="alert" data-testid={TID.analyzeWarning}>
          <span>
            EXPLAIN ANALYZE <b>executes</b> the statement to measure it: an INSERT, UPDATE or DELETE changes data.
          </span>
          <button data-testid={TID.analyzeConfirm} onClick={() => startExplain(confirmAnalyze, true)}>
            Run and measure
          </button>
          <button onClick={() => setConfirmAnalyze(null)}>Cancel</button>
        </div>
      ) : null}
      {message ? (
        <div className="banner" role="status" data-testid={TID.editorMessage}>
          {message} <button onClick={() => setMessage(null)}>Dismiss</button>
        </div>
      ) : null}
      <SessionBanners sessions={sessions} tabId={tab.id} />
      <div className="editor-pane" style={{ height: `${editorShare * 100}%` }}>
        <SqlEditor
          engine={tab.engine}
          initialValue={tab.sql}
          onChange={(sql) => workspace.patch(tab.id, { sql })}
          onRun={start}
          onExplain={(text) => startExplain(text, false)}
          onMessage={setMessage}
          mark={mark}
          completion={completion}
          handle={editor}
          runOnMount={tab.runOnOpen === true}
          onCancel={() => {
            if (run.getState().status !== 'running') return false
            void run.cancel()
            return true
          }}
        />
      </div>
      <EditorSplitter layout={layout} container={tabElement} />
      {explainState.status !== 'idle' ? (
        <div className="segmented result-switch" role="tablist">
          <button
            role="tab"
            aria-selected={showing === 'results'}
            data-testid={TID.showResults}
            onClick={() => setShowing('results')}
          >
            Results
          </button>
          <button
            role="tab"
            aria-selected={showing === 'plan'}
            data-testid={TID.showPlan}
            onClick={() => setShowing('plan')}
          >
            Plan
          </button>
        </div>
      ) : null}
      {showing === 'plan' && explainState.status !== 'idle' ? (
        <PlanPanel state={explainState} />
      ) : (
        <>
          {resultEditing.editing || outcome ? (
            <EditsBar
              store={resultEditing.store}
              outcome={outcome?.text ?? null}
              keyNote={null}
              onReview={() => setReviewing(true)}
              next={
                outcome?.rerun && lastRun.current
                  ? {
                      label: '⟳ Re-run',
                      title: `Run again: ${lastRun.current.sql.slice(0, 200)}`,
                      run: () => lastRun.current && launch(lastRun.current.sql, lastRun.current.offset),
                    }
                  : null
              }
            />
          ) : null}
          <ResultPanel
            run={run}
            documents={queryLanguageOf(tab.engine) === 'mongodb-shell'}
            copyTarget={{ engine: tab.engine, table: null }}
            exportSource={{
              connectionId: tab.connectionId,
              engine: tab.engine,
              ...(tab.database ? { database: tab.database } : {}),
            }}
            editing={resultEditing.editing ?? undefined}
            keyLinks={keyLinks}
            editNote={resultEditing.note}
            compare={{ owner: tab.id, source: `${connection?.name ?? tab.connectionId} · ${tab.title}`, tableKey }}
            errorAt={
              mark?.line !== undefined && mark.column !== undefined ? { line: mark.line, column: mark.column } : null
            }
          />
        </>
      )}
      {reviewing && resultEditing.destination ? (
        <ReviewDialog
          destination={resultEditing.destination}
          keyChoices={null}
          store={resultEditing.store}
          onApplied={(text, session) => {
            if (session) sessions.record(tab.id, session)
            applied(text)
          }}
          onSession={(session) => sessions.record(tab.id, session)}
          onRefresh={() => undefined}
          onClose={() => setReviewing(false)}
        />
      ) : null}
      {asking ? (
        <SafeModeDialog
          connectionName={connection?.name ?? ''}
          question={asking}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null)
            launch(asking.rerun.sql, asking.rerun.offset, asking.rerun.confirm)
          }}
        />
      ) : null}
    </div>
  )
}
