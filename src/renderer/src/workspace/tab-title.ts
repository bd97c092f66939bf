import { CONNECTION_COLOR_VALUES, defaultColorOf, engineDescriptor } from '../../../shared/contract'
import type { ConnectionColor, ConnectionSummary } from '../../../shared/contract'
import type { Tab } from './workspace-store'

/** Where a query tab runs: its database and schema, where the engine has them (null: unknown or none). */
export interface TabPlace {
  database: string | null
  schema: string | null
}

/** What a tab shows of itself: its own name, its connection (name and colour) and where it runs. */
export interface TabTitle {
  title: string
  connectionName: string
  color: ConnectionColor
  /** CSS value of `color`. */
  colorValue: string
  /** "database · schema", or '' when neither is known. */
  place: string
  /** The whole of it in one line (the tab's tooltip). */
  tooltip: string
}

/** A connection's colour: the one it chose, else the one its id gives. */
export const colorOf = (connection: Pick<ConnectionSummary, 'id' | 'color'>): ConnectionColor =>
  connection.color ?? defaultColorOf(connection.id)

/**
 * Where a tab runs. A query tab: the database it was opened on or switched to, else its connection's
 * own, else the only one the connection has (`databases`: the tree's list, when loaded), else the
 * engine's default; and where the engine has schemas, the one unqualified names resolve to (the
 * engine's default: a tab has no session of its own yet to SET another). An engine whose databases
 * are its schemas (MySQL) shows the connection's database as the schema.
 */
export function tabPlace(
  tab: Tab,
  connection: ConnectionSummary | undefined,
  databases: readonly string[] | null,
): TabPlace {
  const engine = engineDescriptor(tab.engine)
  const schemas = engine.capabilities.schemas && engine.tree?.noSchemaLevel !== true
  const tableSchemas = schemas || engine.editor.databaseIsSchema === true
  if (tab.kind === 'table') return { database: tab.database, schema: tableSchemas ? tab.table.schema : null }
  if (tab.kind === 'diagram') return { database: tab.database, schema: tableSchemas ? tab.schema : null }
  if (engine.editor.databaseIsSchema) return { database: null, schema: connection?.database ?? null }
  const only = databases?.length === 1 ? databases[0]! : null
  const database = tab.database ?? connection?.database ?? only ?? engine.editor.defaultDatabase ?? null
  return { database, schema: schemas ? engine.editor.defaultSchema : null }
}

/** The tab's title model (pure: the tab bar and the toolbar render it). */
export function tabTitle(
  tab: Tab,
  connection: ConnectionSummary | undefined,
  databases: readonly string[] | null = null,
): TabTitle {
  const color = connection ? colorOf(connection) : defaultColorOf(tab.connectionId)
  const connectionName = connection?.name ?? 'connection removed'
  const { database, schema } = tabPlace(tab, connection, databases)
  const place = [database, schema].filter((part) => part !== null && part !== '').join(' · ')
  const engine = engineDescriptor(tab.engine).label
  const tooltip = `${tab.title} — ${connectionName} (${engine})${place ? ` · ${place}` : ''}`
  return { title: tab.title, connectionName, color, colorValue: CONNECTION_COLOR_VALUES[color], place, tooltip }
}
