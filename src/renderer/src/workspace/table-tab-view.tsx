import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { queryLanguageOf } from '../../../shared/contract'
import { qualifiedName } from '../../../shared/dialect/quote-identifier'
import { useApp } from '../app-context'
import { ResultPanel } from '../query/result-panel'
import { useQueryRun } from '../query/use-query-run'
import { TID } from '../test-ids'
import { StructureView } from './structure-view'
import { TableDataFilter, type TableFilter } from './table-data-filter'
import { cycleSortColumn, tableDataSql, type SortColumn } from './table-data-sql'
import type { TableTab } from './workspace-store'

const VIEWS = [
  { view: 'data', label: 'Data', testId: TID.viewToggleData },
  { view: 'structure', label: 'Structure', testId: TID.viewToggleStructure },
] as const

/** A table or view: its rows (streamed, filtered and sorted on the server) and its structure. */
export function TableTabView({ tab }: { tab: TableTab }) {
  const { workspace } = useApp()
  const run = useQueryRun(tab.connectionId)
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const running = state.status === 'running'
  const [filter, setFilter] = useState<TableFilter>({ where: '', conditions: [] })
  const [sort, setSort] = useState<SortColumn[]>([])
  const { schema, name } = tab.table
  // A document engine's Data view is its find() of every document; SQL engines filter and sort on the server.
  const documents = queryLanguageOf(tab.engine) === 'mongodb-shell'
  const sql = documents
    ? `db.getCollection(${JSON.stringify(name)}).find({})`
    : tableDataSql({ engine: tab.engine, schema, table: name, ...filter, sort })
  useEffect(() => {
    void run.start(sql, { database: tab.database })
  }, [run, sql, tab.database])
  // Column names survive a filter that returns no rows: the last result with columns is kept.
  const shownColumns = run.current?.columns
  const [columns, setColumns] = useState<string[]>([])
  useEffect(() => {
    if (shownColumns && shownColumns.length > 0) setColumns(shownColumns.map((c) => c.name))
  }, [shownColumns])
  const sorted = sort[0]
  const serverSort = useMemo(
    () => ({
      sort: sorted ? { col: columns.indexOf(sorted.column), descending: sorted.descending } : null,
      onSort: (col: number) => {
        const column = columns[col]
        if (column !== undefined) setSort((current) => cycleSortColumn(current, column))
      },
    }),
    [sorted, columns],
  )
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
            <code className="generated-sql" data-testid={TID.generatedSql} title={sql}>
              {sql}
            </code>
          </>
        ) : null}
      </div>
      <div className="table-view" data-testid={TID.dataView} hidden={tab.view !== 'data'}>
        {documents ? null : <TableDataFilter columns={columns} applied={filter} onApply={setFilter} />}
        <ResultPanel
          run={run}
          documents={documents}
          copyTarget={{ engine: tab.engine, table: qualifiedName(tab.engine, schema, name) }}
          exportSource={{ connectionId: tab.connectionId, database: tab.database, table: { schema, name } }}
          {...(documents ? {} : { serverSort })}
        />
      </div>
      {tab.view === 'structure' ? <StructureView tab={tab} /> : null}
    </div>
  )
}
