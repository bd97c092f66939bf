import { engineDescriptor } from '../../../shared/contract'
import type { EngineId, TableInfo } from '../../../shared/contract'
import { qualifiedName, quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { nodeLabel } from './tree-model'
import type { TreeNode } from './tree-model'

/** Rows "Select first" reads. */
export const SELECT_FIRST_ROWS = 1000

/** The statements of a table's menu, spelled for its engine; null where the engine has none (not SQL). */
export interface TableStatements {
  selectFirst: string
  /** Empties the table (TRUNCATE, or DELETE where the engine has none); null for views. */
  empty: string | null
  drop: string
}

const DROP_WORDS: Record<TableInfo['kind'], string> = {
  table: 'DROP TABLE',
  'partitioned-table': 'DROP TABLE',
  'virtual-table': 'DROP TABLE',
  view: 'DROP VIEW',
  'materialized-view': 'DROP MATERIALIZED VIEW',
}

/** A table's Select first 1,000 / Truncate / Drop statements (identifiers quoted by the engine's rules). */
export function tableStatements(engine: EngineId, table: TableInfo): TableStatements | null {
  const actions = engineDescriptor(engine).tableActions
  if (!actions) return null
  const name = qualifiedName(engine, table.schema, table.name)
  const selectFirst =
    actions.limit === 'top'
      ? `SELECT TOP (${SELECT_FIRST_ROWS}) * FROM ${name}`
      : `SELECT * FROM ${name} LIMIT ${SELECT_FIRST_ROWS}`
  const isView = table.kind === 'view' || table.kind === 'materialized-view'
  const empty = isView ? null : actions.empty === 'truncate' ? `TRUNCATE TABLE ${name}` : `DELETE FROM ${name}`
  return { selectFirst, empty, drop: `${DROP_WORDS[table.kind]} ${name}` }
}

/**
 * What Copy name puts on the clipboard: a table, view or routine qualified by its schema, any other
 * identifier quoted alone, as the engine quotes it; a connection or group its plain name.
 */
export function copyableName(engine: EngineId, node: TreeNode): string {
  switch (node.kind) {
    case 'connection':
    case 'group':
      return nodeLabel(node)
    case 'table':
      return qualifiedName(engine, node.table.schema, node.table.name)
    case 'object':
      return qualifiedName(engine, node.object.schema, node.object.name)
    default:
      return quoteIdentifier(engine, nodeLabel(node))
  }
}
