import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { queryLanguageOf, type SortColumn, type TableQuery } from '../../../shared/contract'
import { qualifiedName } from '../../../shared/dialect/quote-identifier'
import { useApp } from '../app-context'
import { EditsBar } from '../edits/edits-bar'
import { ReviewDialog } from '../edits/review-dialog'
import type { EditDestination } from '../edits/review-dialog'
import { useDocumentEditing } from '../edits/use-document-editing'
import { useTableEditing } from '../edits/use-table-editing'
import { ResultPanel } from '../query/result-panel'
import { FIRST_PAGE_ROWS, NEXT_PAGE_AHEAD, NEXT_PAGE_ROWS } from '../query/table-paging'
import { useQueryRun } from '../query/use-query-run'
import { TID } from '../test-ids'
import { StructureView } from './structure-view'
import { TableDataFilter, type TableFilter } from './table-data-filter'
import { TablePagesStatus } from './table-pages-status'
import { cycleSortColumn, describeParams } from './table-sort'
import { useTableKeyLinks } from './use-table-key-links'
import type { TableTab } from './workspace-store'

const VIEWS = [
  { view: 'data', label: 'Data', testId: TID.viewToggleData },
  { view: 'structure', label: 'Structure', testId: TID.viewToggleStructure },
] as const

/**
 * A table or view: its rows (filtered and sorted on the server, read a page at a time as the view
 * nears the end of what is loaded, or all with Fetch all) and its structure. Nothing loads until
 * the tab is first shown (tabs restored at start-up do not all query at once).
 */
export function TableTabView({ tab, active }: { tab: TableTab; active: boolean }) {
  const { workspace, edits } = useApp()
  const run = useQueryRun(tab.connectionId)
  const state = useSyncExternalStore(run.subscribe, run.getState)
  const running = state.status === 'running'
  const [filter, setFilter] = useState<TableFilter>(tab.filter ?? NO_FILTER)
  // A key followed to this open tab brings a new filter.
  useEffect(() => {
    if (tab.filter) setFilter(tab.filter)
  }, [tab.filter])
  const [sort, setSort] = useState<SortColumn[]>([])
  const { schema, name } = tab.table
  // A document engine's collection: its filter is a filter document, its columns come from its documents.
  const documents = queryLanguageOf(tab.engine) === 'mongodb-shell'
  // Main builds the statement from this request (filtered and sorted on the server): condition
  // values travel as bind parameters (as shell literals for documents, read as data, never run).
  const query = useMemo<TableQuery>(
    () => ({ schema, table: name, where: filter.where, conditions: filter.conditions.filter((c) => c.column), sort }),
    [schema, name, filter, sort],
  )
  const reload = useCallback(
    () => void run.startTable(query, { database: tab.database, pageSize: FIRST_PAGE_ROWS, columnsFromRows: documents }),
    [run, query, tab.database, documents],
  )
  // The next page once the rows in view come near the end of those loaded. A view behind the rows
  // loaded (its repaint is paced; or it filters the loaded rows) asks for nothing: Fetch all does.
  const onViewEnd = useCallback(
    (end: number, rowCount: number) => {
      const loaded = run.current?.store.rowCount ?? 0
      if (rowCount >= loaded && rowCount - end <= NEXT_PAGE_AHEAD) void run.loadMore(NEXT_PAGE_ROWS)
    },
    [run],
  )
  const [shown, setShown] = useState(active)
  useEffect(() => {
    if (active) setShown(true)
  }, [active])
  useEffect(() => {
    if (shown) reload()
  }, [shown, reload])
  // Column names survive a filter that returns no rows: the last result with columns is kept.
  const shownColumns = run.current?.columns
  const [columns, setColumns] = useState<string[]>([])
  useEffect(() => {
    if (shownColumns && shownColumns.length > 0) setColumns(shownColumns.map((c) => c.name))
  }, [shownColumns])
  const keyLinks = useTableKeyLinks(tab, columns, !documents)
  // Editing: staged edits live in the app's registry (they outlive every re-query of this view).
  const { store, editing: tableEditing } = useTableEditing(tab, !documents && shown)
  // A collection's documents: top-level fields edited by _id.
  const documentEditing = useDocumentEditing(tab, documents && shown)
  const editing = documents ? (documentEditing?.editing ?? null) : tableEditing
  const destination = useMemo(
    (): EditDestination | null =>
      documents
        ? (documentEditing?.destination ?? null)
        : tableEditing
          ? {
              connectionId: tab.connectionId,
              database: tab.database,
              target: { schema: tab.table.schema || null, table: tab.table.name },
            }
          : null,
    [documents, documentEditing, tableEditing, tab.connectionId, tab.database, tab.table.schema, tab.table.name],
  )
  // A table with no key: the review asks which of its columns identify a row (documents: by _id).
  const keyChoices =
    !documents && tableEditing && !tableEditing.key ? tableEditing.schema.columns.map((column) => column.name) : null
  const [reviewing, setReviewing] = useState(false)
  const [outcome, setOutcome] = useState<string | null>(null)
  const refresh = () => edits.guardRefresh(tab.id, tab.title, reload)
  const serverSort = useMemo(
    () => ({
      sorts: sort
        .map((key) => ({ col: columns.indexOf(key.column), descending: key.descending }))
        .filter((key) => key.col >= 0),
      onSort: (col: number, add: boolean) => {
        const column = columns[col]
        if (column !== undefined) setSort((current) => cycleSortColumn(current, column, add))
      },
    }),
    [sort, columns],
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
            <button onClick={refresh} title="Reload the rows">
              ⟳ Refresh
            </button>
            <button data-testid={TID.cancelButton} onClick={() => void run.cancel()} disabled={!running}>
              ■ Cancel
            </button>
            <code className="generated-sql" data-testid={TID.generatedSql} title={state.sql}>
              {state.sql}
            </code>
            {state.params.length > 0 ? (
              <code className="generated-sql" data-testid={TID.generatedParams} title="Bind parameters">
                {describeParams(state.params)}
              </code>
            ) : null}
          </>
        ) : null}
      </div>
      <div className="table-view" data-testid={TID.dataView} hidden={tab.view !== 'data'}>
        {/* Keyed by the applied filter: one that comes from a followed key shows in the bar. */}
        <TableDataFilter
          key={filterKey(filter)}
          columns={columns}
          applied={filter}
          onApply={setFilter}
          documents={documents}
        />
        {editing ? (
          <EditsBar
            store={store}
            outcome={outcome}
            keyNote={keyChoices ? 'No primary or unique key: the review asks which columns identify a row' : null}
            onReview={() => setReviewing(true)}
          />
        ) : null}
        {reviewing && destination ? (
          <ReviewDialog
            destination={destination}
            keyChoices={keyChoices}
            store={store}
            onApplied={(text) => {
              setOutcome(text)
              setReviewing(false)
              reload()
            }}
            onRefresh={reload}
            onClose={() => setReviewing(false)}
          />
        ) : null}
        <ResultPanel
          run={run}
          editing={editing ?? undefined}
          documents={documents}
          copyTarget={{ engine: tab.engine, table: qualifiedName(tab.engine, schema, name) }}
          exportSource={{
            connectionId: tab.connectionId,
            engine: tab.engine,
            database: tab.database,
            tableQuery: query,
          }}
          serverSort={serverSort}
          {...(documents ? {} : { keyLinks })}
          pages={
            <TablePagesStatus
              state={state}
              noun={documents ? 'documents' : 'rows'}
              onFetchAll={() => void run.loadMore(null)}
            />
          }
          onViewEnd={onViewEnd}
        />
      </div>
      {tab.view === 'structure' && shown ? <StructureView tab={tab} /> : null}
    </div>
  )
}

const NO_FILTER: TableFilter = { where: '', conditions: [] }

const filterKey = (filter: TableFilter): string => JSON.stringify(filter)
