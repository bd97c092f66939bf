import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { EditTarget, TableSchema } from '../../../shared/contract'
import { findEditTarget } from '../../../shared/mongo-shell/find-edit-target'
import { resultEditTarget, resultTable, tableKey } from '../../../shared/dialect/result-edit-target'
import { engineOf } from '../../../shared/engines/engine-list'
import { useApp } from '../app-context'
import type { GridEditing } from '../grid/grid-edits'
import type { QueryRun } from '../query/query-run'
import { useConnectionSummary } from '../safety/use-connection-summary'
import type { QueryTab } from '../workspace/workspace-store'
import { DocumentEditing } from './document-editing'
import type { EditStore } from './edit-store'
import type { EditDestination } from './review-dialog'
import { schemaPlace } from './result-schema-place'
import { TableEditing } from './table-editing'

/** A query tab's editing of the result shown. */
export interface ResultTabEditing {
  store: EditStore
  /** Null while the table's structure is read, and when the result cannot be edited. */
  editing: GridEditing | null
  destination: EditDestination | null
  /** Why the result shown cannot be edited (said once, in the result's toolbar), or null. */
  note: string | null
}

type Loaded = { resultId: string; schema: TableSchema } | { resultId: string; error: string; notFound: boolean }

/**
 * Editing a query result (issue "Edit data with proof"): once a SELECT's columns arrive, the one
 * table they come from (ResultColumn.origin, where the engine reports it), its structure and key;
 * editable when the key is in the result. Edits are staged in the tab's store (the app's registry:
 * closing the tab asks) on one result at a time, and applied in the tab's session.
 */
export function useResultEditing(
  tab: QueryTab,
  run: QueryRun,
  session: { sessionId: string; manualCommit: boolean } | null,
  /** Where the result shown was run (the tab may have moved to another connection or database since). */
  ranOn: { connectionId: string; database?: string | undefined } | null,
): ResultTabEditing {
  const { client, tree, edits } = useApp()
  const connection = useConnectionSummary(tree, tab.connectionId)
  // Asked each render, not memoised: the registry forgets a tab's stores when it moves with nothing
  // staged, and edits staged in a store it no longer holds would not be asked about on close.
  const store = edits.storeFor(tab.id)
  useSyncExternalStore(store.subscribe, store.getVersion)
  useSyncExternalStore(run.subscribe, run.getState)
  const current = run.current
  const columns = current?.columns
  const engine = engineOf(tab.engine)
  // Document engines: a find's documents, by _id. SQL engines: the one table the columns come from.
  const documents = engine.queryLanguage === 'mongodb-shell'
  const table = useMemo(
    () =>
      !documents && columns && columns.length > 0
        ? resultTable(columns, engine.capabilities.resultColumnOrigins)
        : null,
    [documents, columns, engine],
  )
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const readOnly = connection?.readOnly !== false
  const hasColumns = (columns?.length ?? 0) > 0
  const found = useMemo(() => {
    if (!documents || !current || current.isCommand || readOnly || !hasColumns) return null
    const target = findEditTarget(current.sql)
    if (!target.editable) return { editing: null, note: target.message, destination: null }
    const destination: EditDestination = {
      connectionId: tab.connectionId,
      ...(tab.database ? { database: tab.database } : {}),
      target: { schema: null, table: target.collection },
    }
    return { editing: new DocumentEditing(store), note: null, destination }
  }, [documents, current, readOnly, hasColumns, store, tab.connectionId, tab.database])
  const resultId = current?.id ?? null
  const target = table?.editable ? table.target : null
  useEffect(() => {
    if (!target || resultId === null || readOnly) return
    let live = true
    void (async () => {
      const place = await schemaPlace(client, tab, connection, target)
      const result = place.ok
        ? await client.call('meta.tableSchema', { connectionId: tab.connectionId, ...place.value, table: target.table })
        : place
      if (!live) return
      setLoaded(
        result.ok
          ? { resultId, schema: result.value }
          : { resultId, error: result.error.message, notFound: result.error.kind === 'not-found' },
      )
    })()
    return () => {
      live = false
    }
    // The target is compared by value: a new columns array of the same table reads nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, tab.connectionId, tab.database, target?.schema, target?.table, resultId, readOnly])
  const decided = useMemo((): { editing: TableEditing | null; note: string | null; target: EditTarget | null } => {
    const none = (note: string | null) => ({ editing: null, note, target: null })
    if (!current || !table || current.isCommand || readOnly) return none(null)
    // A result with no table column at all (SELECT 1, now()) has nothing to edit and says nothing.
    const quiet = table.editable === false && table.reason === 'no-origin' && engine.capabilities.resultColumnOrigins
    if (!table.editable) return none(quiet ? null : `Read-only: ${table.message}`)
    if (!loaded || loaded.resultId !== current.id) return none(null)
    if ('error' in loaded)
      return none(
        loaded.notFound
          ? `Read-only: ${table.target.table} is temporary: only this tab's session sees it, so its key cannot be read to write changes back`
          : `Read-only: the table's structure could not be read (${loaded.error})`,
      )
    const edit = resultEditTarget(table, tableKey(loaded.schema))
    if (!edit.editable) return none(edit.reason === 'key-not-in-result' ? edit.message : `Read-only: ${edit.message}`)
    if (loaded.schema.kind !== 'table' && loaded.schema.kind !== 'partitioned-table')
      return none(`Read-only: ${edit.target.table} is a ${loaded.schema.kind.replace('-', ' ')}`)
    return { editing: new TableEditing(store, loaded.schema, edit), note: null, target: edit.target }
  }, [store, current, table, loaded, readOnly, engine])
  const destination = useMemo((): EditDestination | null => {
    if (!decided.editing || !decided.target) return null
    // The database as the tab runs in it: its session is matched by it (main plans in the connection's when absent).
    return {
      connectionId: tab.connectionId,
      ...(tab.database ? { database: tab.database } : {}),
      target: decided.target,
      ...(session ? { sessionId: session.sessionId, manualCommit: session.manualCommit } : {}),
    }
  }, [decided, tab.connectionId, tab.database, session])
  const chosen = found ?? { editing: decided.editing, note: decided.note, destination }
  const moved = ranOn !== null && (ranOn.connectionId !== tab.connectionId || ranOn.database !== tab.database)
  if (chosen.editing && moved) {
    const note = 'Read-only: the tab now points at another connection or database: run the query again to edit'
    return { store, editing: null, destination: null, note }
  }
  // Staged edits belong to the result they were made on: another result of the tab is read-only meanwhile.
  if (store.size === 0 && current) staging.set(store, current.id)
  if (chosen.editing && store.size > 0 && staging.get(store) !== current?.id) {
    const note = 'Read-only: changes staged on another result of this tab wait to be applied or discarded'
    return { store, editing: null, destination: null, note }
  }
  return { store, ...chosen }
}

/** Which result of a tab its staged edits were made on (a store stages on one result at a time). */
const staging = new WeakMap<EditStore, string>()
