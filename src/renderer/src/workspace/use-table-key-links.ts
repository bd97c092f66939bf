import { useEffect, useMemo, useState } from 'react'
import type { TableSchema } from '../../../shared/contract'
import { useApp } from '../app-context'
import type { GridKeyLinks } from '../grid/grid-key-links'
import { TableKeyLinks } from './table-key-links'
import type { TableTab } from './workspace-store'

/**
 * The foreign-key links of a table tab's Data view: following one opens the referenced table's
 * Data view filtered on the key (conditions, so values are bound as parameters by main).
 */
export function useTableKeyLinks(
  tab: TableTab,
  columns: readonly string[],
  enabled: boolean,
): GridKeyLinks | undefined {
  const { client, workspace } = useApp()
  const { connectionId, engine, database, table } = tab
  const links = useMemo(
    () =>
      new TableKeyLinks(client, { connectionId, database, table }, (schema, name, conditions) => {
        const target = { schema, name, kind: 'table' as const, rowCount: null, rowCountExact: false }
        workspace.openTable(connectionId, engine, database, target, 'data', { where: '', conditions })
      }),
    [client, workspace, connectionId, engine, database, table],
  )
  const [structure, setStructure] = useState<TableSchema | null>(null)
  useEffect(() => {
    if (!enabled) return
    let live = true
    void links.structure().then((schema) => {
      if (live) setStructure(schema)
    })
    return () => {
      live = false
    }
  }, [links, enabled])
  return useMemo(
    () => (enabled && structure ? links.linksFor(structure, columns) : undefined),
    [links, structure, columns, enabled],
  )
}
