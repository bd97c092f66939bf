import { useMemo } from 'react'
import { useApp } from '../app-context'
import { useConnectionSummary } from '../safety/use-connection-summary'
import type { TableTab } from '../workspace/workspace-store'
import { DocumentEditing } from './document-editing'
import type { EditDestination } from './review-dialog'

/**
 * A collection tab's editing (document engines): its grid's top-level fields, by _id, staged in
 * the tab's store. Read-only connections get none; a view's documents say why they are read-only.
 */
export function useDocumentEditing(
  tab: TableTab,
  enabled: boolean,
): { editing: DocumentEditing; destination: EditDestination } | null {
  const { tree, edits } = useApp()
  const connection = useConnectionSummary(tree, tab.connectionId)
  const readOnly = connection?.readOnly !== false
  const { kind, name } = tab.table
  return useMemo(() => {
    if (!enabled || readOnly) return null
    const why = kind === 'table' ? null : `A ${kind.replace('-', ' ')}: its documents are read-only here`
    const editing = new DocumentEditing(edits.storeFor(tab.id), why)
    const destination: EditDestination = {
      connectionId: tab.connectionId,
      database: tab.database,
      target: { schema: null, table: name },
    }
    return { editing, destination }
  }, [enabled, readOnly, kind, name, edits, tab.id, tab.connectionId, tab.database])
}
