import { useEffect, useSyncExternalStore } from 'react'
import { queryLanguageOf } from '../../../shared/contract'
import type { EngineId, TableInfo } from '../../../shared/contract'
import { qualifiedName } from '../../../shared/dialect/quote-identifier'
import { useApp } from '../app-context'
import { ResultPanel } from '../query/result-panel'
import { useQueryRun } from '../query/use-query-run'
import { TID } from '../test-ids'
import { StructureView } from './structure-view'
import type { TableTab } from './workspace-store'

const VIEWS = [
  { view: 'data', label: 'Data', testId: TID.viewToggleData },
  { view: 'structure', label: 'Structure', testId: TID.viewToggleStructure },
] as const

/** A table or view: its rows (streamed) and its structure. */
export function TableTabView({ tab }: { tab: TableTab }) {
  const { workspace } = useApp()
  const run = useQueryRun(tab.connectionId)
  const running = useSyncExternalStore(run.subscribe, run.getState).status === 'running'
  const sql = dataQuery(tab.engine, tab.table)
  const documents = queryLanguageOf(tab.engine) === 'mongodb-shell'
  useEffect(() => {
    void run.start(sql, { database: tab.database })
  }, [run, sql, tab.database])
  return (
    <div className="table-tab">
      <div className="toolbar">
        <div className="segmented" role="tablist">
          {VIEWS.map(({ view, label, testId }) => (
            <button
              key={view}
              role="tab"
              aria-selected={tab.view === view}
              data-testid={testId}
              onClick={() => workspace.patch(tab.id, { view })}
            >
              {label}
            </button>
          ))}
        </div>
        {tab.view === 'data' ? (
          <>
            <button onClick={() => void run.start(sql, { database: tab.database })} title="Reload the rows">
              ⟳ Refresh
            </button>
            <button data-testid={TID.cancelButton} onClick={() => void run.cancel()} disabled={!running}>
              ■ Cancel
            </button>
            <code className="generated-sql">{sql}</code>
          </>
        ) : null}
      </div>
      <div className="table-view" data-testid={TID.dataView} hidden={tab.view !== 'data'}>
        <ResultPanel run={run} documents={documents} />
      </div>
      {tab.view === 'structure' ? <StructureView tab={tab} /> : null}
    </div>
  )
}

/** The query a table's Data view runs: every row, in the engine's own language. */
function dataQuery(engine: EngineId, table: TableInfo): string {
  if (queryLanguageOf(engine) === 'mongodb-shell') return `db.getCollection(${JSON.stringify(table.name)}).find({})`
  return `SELECT * FROM ${qualifiedName(engine, table.schema, table.name)}`
}
