import { engineDescriptor } from '../../../shared/contract'
import type { MenuItem } from '../common/context-menu'
import type { NodePlace, TableNode, TreeNode } from './tree-model'
import { connectionIdOf, placeOf } from './tree-model'
import { copyableName, tableStatements } from './tree-sql'
import type { TreeStore } from './tree-store'

/** What the tree's menu does outside the tree: tabs, the clipboard, the asking dialogs. */
export interface TreeMenuHandlers {
  /** `fresh`: its rows are read again even when its tab is open (after an import), with no filter. */
  openTable(node: TableNode, view: 'data' | 'structure', fresh?: boolean): void
  /** A new query tab at a place; with `sql`, holding it (and running it when `run`). */
  newQuery(place: NodePlace, sql?: string, run?: boolean): void
  copy(text: string): void
  /** The ER diagram of a schema, or of one table (`focus`) and its neighbours. */
  openDiagram(place: { connectionId: string; database: string; schema: string }, focus: string | null): void
  /** Count rows / Truncate / Drop: they ask first. */
  ask(request: TreeAsk): void
  /** The import dialog: into a new table of a schema or database, or into a table. */
  importData(node: TreeNode): void
}

/** Whether a node takes an import: a schema, a database with no schema level below it, or a plain table. */
function takesImport(node: TreeNode): boolean {
  if (node.kind === 'schema') return true
  if (node.kind === 'database') return !node.flat
  return node.kind === 'table' && (node.table.kind === 'table' || node.table.kind === 'partitioned-table')
}

/** An action that asks before it runs. */
export type TreeAsk = { kind: 'count'; node: TableNode } | { kind: 'empty' | 'drop'; node: TableNode; sql: string }

/** The table a node shows or belongs to (a column, index or key's table), if any. */
export function tableOf(node: TreeNode): TableNode | null {
  if (node.kind === 'table') return node
  if (node.kind === 'column' || node.kind === 'index' || node.kind === 'foreign-key') {
    const { tableId: id, connectionId, database, table } = node
    return { kind: 'table', id, connectionId, database, table }
  }
  return null
}

/** A node's context menu: what opens it, then what reads it, then what changes it, then Copy and Refresh. */
export function treeMenu(store: TreeStore, node: TreeNode, handlers: TreeMenuHandlers): MenuItem[] {
  const connection = store.connections().find((c) => c.id === connectionIdOf(node))
  if (!connection) return []
  const table = tableOf(node)
  const statements = table ? tableStatements(connection.engine, table.table) : null
  const items: MenuItem[] = []
  if (table) {
    items.push({ id: 'open-data', label: 'Open data', hint: 'Enter', run: () => handlers.openTable(table, 'data') })
    items.push({ id: 'structure', label: 'Structure', run: () => handlers.openTable(table, 'structure') })
  }
  if (engineDescriptor(connection.engine).capabilities.erDiagram) {
    // A schema's whole diagram, or a table's with its neighbours (a column or key's table keeps its menu short).
    if (node.kind === 'schema' || node.kind === 'table') {
      const schema = node.kind === 'schema' ? node.schema : node.table.schema
      const place = { connectionId: node.connectionId, database: node.database, schema }
      items.push({
        id: 'er-diagram',
        label: node.kind === 'table' ? 'ER diagram of neighbours' : 'ER diagram',
        run: () => handlers.openDiagram(place, node.kind === 'table' ? node.table.name : null),
      })
    }
  }
  items.push({ id: 'new-query', label: 'New query here', run: () => handlers.newQuery(placeOf(node)) })
  const descriptor = engineDescriptor(connection.engine)
  const imports = Boolean(descriptor.import && descriptor.transactions) && !connection.readOnly && takesImport(node)
  if (imports && node.kind !== 'table')
    items.push({ id: 'import-data', label: 'Import data…', run: () => handlers.importData(node) })
  if (table && statements && node.kind === 'table') {
    const place = placeOf(node)
    items.push(
      {
        id: 'select-first',
        label: 'Select first 1,000',
        run: () => handlers.newQuery(place, statements.selectFirst, true),
      },
      { id: 'count-rows', label: 'Count rows…', run: () => handlers.ask({ kind: 'count', node: table }) },
    )
    if (imports) items.push({ id: 'import-data', label: 'Import data…', run: () => handlers.importData(node) })
    // A read-only connection refuses them anyway: they are not offered.
    if (!connection.readOnly) {
      const { empty, drop } = statements
      if (empty) {
        const label = empty.startsWith('DELETE') ? 'Delete all rows…' : 'Truncate…'
        items.push({
          id: 'truncate',
          label,
          danger: true,
          run: () => handlers.ask({ kind: 'empty', node: table, sql: empty }),
        })
      }
      items.push({
        id: 'drop',
        label: 'Drop…',
        danger: true,
        run: () => handlers.ask({ kind: 'drop', node: table, sql: drop }),
      })
    }
  }
  items.push({ id: 'copy-name', label: 'Copy name', run: () => handlers.copy(copyableName(connection.engine, node)) })
  items.push({ id: 'refresh', label: 'Refresh', hint: 'F5', run: () => void store.refreshLoaded(node) })
  return items
}
