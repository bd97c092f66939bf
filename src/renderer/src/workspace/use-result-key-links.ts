import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { TableSchema } from '../../../shared/contract'
import { resultTable } from '../../../shared/dialect/result-edit-target'
import { engineOf } from '../../../shared/engines/engine-list'
import { useApp } from '../app-context'
import { schemaPlace } from '../edits/result-schema-place'
import type { GridKeyLinks } from '../grid/grid-key-links'
import type { QueryRun } from '../query/query-run'
import { useConnectionSummary } from '../safety/use-connection-summary'
import { TableKeyLinks } from './table-key-links'
import type { QueryTab } from './workspace-store'

type Found = { key: string; links: TableKeyLinks; schema: TableSchema }

/**
 * The foreign-key links of a query tab's result when its columns come from one table (the engine
 * reports each column's origin): the same links as that table's Data view, on the table columns
 * the result shows (an alias still links; an expression does not). Read-only connections too:
 * following a key only reads.
 */
export function useResultKeyLinks(
  tab: QueryTab,
  run: QueryRun,
  /** Where the result shown was run (the tab may point elsewhere since). */
  ranOn: { connectionId: string; database?: string | undefined } | null,
): GridKeyLinks | undefined {
  const { client, tree, workspace } = useApp()
  useSyncExternalStore(run.subscribe, run.getState)
  const current = run.current
  const columns = current?.columns
  const engine = engineOf(tab.engine)
  const connectionId = ranOn?.connectionId ?? tab.connectionId
  const tabDatabase = ranOn ? ranOn.database : tab.database
  const connection = useConnectionSummary(tree, connectionId)
  const table = useMemo(
    () =>
      engine.queryLanguage === 'sql' && columns && columns.length > 0 && !current?.isCommand
        ? resultTable(columns, engine.capabilities.resultColumnOrigins)
        : null,
    [engine, columns, current?.isCommand],
  )
  const target = table?.editable ? table.target : null
  const key = target ? JSON.stringify([connectionId, tabDatabase ?? null, target.schema, target.table]) : null
  const [found, setFound] = useState<Found | null>(null)
  useEffect(() => {
    if (!target || key === null || found?.key === key) return
    let live = true
    void (async () => {
      const place = await schemaPlace(
        client,
        { engine: tab.engine, connectionId, database: tabDatabase },
        connection,
        target,
      )
      if (!place.ok || !live) return
      const { database, schema } = place.value
      const info = { schema, name: target.table, kind: 'table' as const, rowCount: null, rowCountExact: false }
      const links = new TableKeyLinks(client, { connectionId, database, table: info }, (toSchema, name, conditions) => {
        const opened = { schema: toSchema, name, kind: 'table' as const, rowCount: null, rowCountExact: false }
        workspace.openTable(connectionId, tab.engine, database, opened, 'data', { where: '', conditions })
      })
      const structure = await links.structure()
      if (live && structure) setFound({ key, links, schema: structure })
    })()
    return () => {
      live = false
    }
    // The target is compared by its key: a new columns array of the same table reads nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key])
  return useMemo(() => {
    if (!table?.editable || !found || found.key !== key) return undefined
    // Each result column under the table column it shows ('' for an expression or a repeat: never linked).
    const names = table.columns.map((c) => ('column' in c ? c.column : ''))
    return found.links.linksFor(found.schema, names)
  }, [table, found, key])
}
