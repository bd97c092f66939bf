import type { EngineId } from '../../../shared/contract'
import type { TreeNode } from '../tree/tree-model'
import type { ImportTarget } from './import-dialog'

export type { ImportTarget }

/** Where an import opened on a tree node goes: a schema or database takes a new table; a table, its rows. */
export function importTargetOf(node: TreeNode, engine: EngineId): ImportTarget | null {
  if (node.kind !== 'table' && node.kind !== 'schema' && node.kind !== 'database') return null
  const base = { connectionId: node.connectionId, engine, node }
  if (node.kind === 'table') return { ...base, database: node.database, schema: node.table.schema, table: node }
  if (node.kind === 'schema') return { ...base, database: node.database, schema: node.schema }
  return { ...base, database: node.database, schema: null }
}
