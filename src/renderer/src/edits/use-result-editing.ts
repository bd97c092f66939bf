import { useEffect, useMemo, useState } from 'react'
import type { ConnectionSummary, ResultColumn, TableSchema } from '../../../shared/contract'
import { resultEditTarget, resultTable, tableKey } from '../../../shared/dialect/result-edit-target'
import { engineOf } from '../../../shared/engines/engine-list'
import { useApp } from '../app-context'
import type { QueryTab } from '../workspace/workspace-store'
import type { EditDestination } from './review-dialog'
import type { EditStore } from './edit-store'
import { TableEditing } from './table-editing'

/** A query result's editing: its table's staged edits and the grid's editing, or why it is read-only. */
export interface ResultEditing {
  store: EditStore | null
  editing: TableEditing | null
  destination: EditDestination | null
  /** The store's name in the tab (its table), for the registry. */
  table: string
  /** Why this result cannot be edited (null while deciding, or when it can). */
  refusal: string | null
}

const NONE: ResultEditing = { store: null, editing: null, destination: null, table: '', refusal: null }

/**
 * A query tab's result edited like a table's Data view when its columns come from one table and
 * include that table's key (shared/dialect/result-edit-target). The staged edits are kept per tab
 * and table, so a re-run showing the same table finds them again by key.
 */
export function useResultEditing(
  tab: QueryTab,
  columns: readonly ResultColumn[] | undefined,
  connection: ConnectionSummary | undefined,
  session: { sessionId?: string; manualCommit?: boolean },
): ResultEditing {
  const { client, edits } = useApp()
  const writable = connection?.readOnly === false
  const mapped = useMemo(
    () =>
      writable && columns && columns.length > 0
        ? resultTable(columns, engineOf(tab.engine).capabilities.resultColumnOrigins)
        : null,
    [writable, columns, tab.engine],
  )
  const target = mapped?.editable ? mapped.target : null
  const [schema, setSchema] = useState<{ for: string; schema: TableSchema | null; database: string } | null>(null)
  const table = target ? JSON.stringify([target.schema, target.table]) : ''
  const { connectionId } = tab
  // MySQL/MariaDB: the tree's one database is the server and the origin's schema is the MySQL
  // database, so the connection's database name is not the `database` the catalog is read under.
  const databaseIsSchema = engineOf(tab.engine).editor.databaseIsSchema === true
  const known = databaseIsSchema ? null : (tab.database ?? connection?.database ?? null)
  useEffect(() => {
    if (!target) return
    let live = true
    void (async () => {
      const database =
        known ?? (await client.call('meta.databases', { connectionId }).then((r) => (r.ok ? r.value[0]?.name : null)))
      if (!database) return
      const result = await client.call('meta.tableSchema', {
        connectionId,
        database,
        schema: target.schema ?? '',
        table: target.table,
      })
      if (live) setSchema({ for: table, schema: result.ok ? result.value : null, database })
    })()
    return () => {
      live = false
    }
    // The target is a new object per result: `table` names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, connectionId, known, table])
  const { sessionId, manualCommit } = session
  // The grid's editing stays the same object for a result (a new one would rebuild its view).
  const decided = useMemo(() => {
    if (!mapped) return NONE
    // A result with no table column at all (SELECT 1) says nothing; the others say why.
    if (!mapped.editable) return mapped.reason === 'no-origin' ? NONE : { ...NONE, refusal: mapped.message }
    if (!schema || schema.for !== table) return NONE
    if (!schema.schema) return { ...NONE, refusal: `The structure of ${mapped.target.table} could not be read` }
    const editable = resultEditTarget(mapped, tableKey(schema.schema))
    if (!editable.editable) return { ...NONE, refusal: editable.message }
    const store = edits.storeFor(tab.id, table)
    return { ...NONE, store, editing: new TableEditing(store, schema.schema, mapped), table }
  }, [mapped, schema, table, edits, tab.id])
  return useMemo((): ResultEditing => {
    if (!decided.editing || !mapped?.editable || !schema) return decided
    const destination = { connectionId, database: schema.database, target: mapped.target, sessionId, manualCommit }
    return { ...decided, destination }
  }, [decided, mapped, schema, connectionId, sessionId, manualCommit])
}
