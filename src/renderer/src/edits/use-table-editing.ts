import { useEffect, useMemo, useState } from 'react'
import type { TableSchema } from '../../../shared/contract'
import { useApp } from '../app-context'
import { useConnectionSummary } from '../safety/use-connection-summary'
import type { TableTab } from '../workspace/workspace-store'
import type { EditStore } from './edit-store'
import { TableEditing } from './table-editing'

/** A table tab's editing: its staged edits, and the grid's editing once the table's structure is read. */
export interface TableTabEditing {
  store: EditStore
  /** Null while the structure is read, on read-only connections and where rows are not editable. */
  editing: TableEditing | null
}

/**
 * The staged edits of a table tab (kept by the app's registry, so they outlive re-queries) and
 * the grid's editing. Read-only connections get none: no edit affordance is shown there.
 */
export function useTableEditing(tab: TableTab, enabled: boolean): TableTabEditing {
  const { client, tree, edits } = useApp()
  const connection = useConnectionSummary(tree, tab.connectionId)
  const store = useMemo(() => edits.storeFor(tab.id), [edits, tab.id])
  const [schema, setSchema] = useState<TableSchema | null>(null)
  const { connectionId, database, table } = tab
  useEffect(() => {
    if (!enabled) return
    let live = true
    void client
      .call('meta.tableSchema', { connectionId, database, schema: table.schema, table: table.name })
      .then((result) => {
        if (live && result.ok) setSchema(result.value)
      })
    return () => {
      live = false
    }
  }, [client, connectionId, database, table.schema, table.name, enabled])
  const readOnly = connection?.readOnly !== false
  const editing = useMemo(
    () => (enabled && schema && !readOnly ? new TableEditing(store, schema) : null),
    [enabled, schema, readOnly, store],
  )
  return { store, editing }
}
