import type { ConnectionSummary, EditTarget, Result } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import type { QuarryClient } from '../api/quarry-client'
import type { QueryTab } from '../workspace/workspace-store'

/**
 * Where meta.tableSchema finds a query result's table: the tab's database (else the connection's,
 * else the server's only one, else the engine's default), and the result column's schema (else
 * the engine's default schema; where the database is the schema, the database).
 */
export async function schemaPlace(
  client: QuarryClient,
  tab: Pick<QueryTab, 'engine' | 'connectionId' | 'database'>,
  connection: Pick<ConnectionSummary, 'database'> | undefined,
  target: EditTarget,
): Promise<Result<{ database: string; schema: string }>> {
  const editor = engineOf(tab.engine).editor
  let database = tab.database ?? (editor.databaseIsSchema ? undefined : connection?.database)
  if (database === undefined) {
    const listed = await client.call('meta.databases', { connectionId: tab.connectionId })
    if (!listed.ok) return listed
    database = listed.value.length === 1 ? listed.value[0]!.name : editor.defaultDatabase
  }
  if (database === undefined) {
    const message = 'Choose the database of this tab to edit its results'
    return { ok: false, error: { kind: 'invalid-input', message, engine: tab.engine } }
  }
  return { ok: true, value: { database, schema: target.schema ?? editor.defaultSchema ?? database } }
}
