import { describe, expect, it } from 'vitest'
import type { ConnectionSummary, EngineId, TableInfo } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import type { TreeNode } from './tree-model'
import { treeMenu } from './tree-menu'
import type { TreeAsk, TreeMenuHandlers } from './tree-menu'
import { TreeStore } from './tree-store'

const connection = (engine: EngineId, readOnly = false): ConnectionSummary => ({
  id: 'c',
  name: 'c',
  engine,
  detail: 'h',
  readOnly,
  safeMode: false,
})
const table: TreeNode = {
  kind: 'table',
  id: 'c/db/s/orders',
  connectionId: 'c',
  database: 'db',
  table: { schema: 's', name: 'orders', kind: 'table', rowCount: 5, rowCountExact: false },
}
const column: TreeNode = {
  kind: 'column',
  id: 'c/db/s/orders/id',
  connectionId: 'c',
  database: 'db',
  table: table.table,
  tableId: table.id,
  inForeignKey: false,
  column: {
    name: 'id',
    dataType: 'int',
    nullable: false,
    defaultValue: null,
    primaryKeyPosition: 1,
    unique: false,
    autoIncrement: false,
    comment: null,
  },
}

function menuFor(summary: ConnectionSummary, node: TreeNode) {
  const tree = new TreeStore({
    call: async () => ({ ok: true, value: [] }),
    onEvent: () => () => undefined,
  } as unknown as QuarryClient)
  tree.setConnections([summary])
  const done: string[] = []
  const asks: TreeAsk[] = []
  const handlers: TreeMenuHandlers = {
    openTable: (target, view) => done.push(`open ${target.id} ${view}`),
    newQuery: (place, sql, run) => done.push(`query ${place.schema ?? ''} ${sql ?? ''} ${run ? 'run' : ''}`.trim()),
    copy: (text) => done.push(`copy ${text}`),
    openDiagram: (place, focus) => done.push(`diagram ${place.database}/${place.schema} ${focus ?? '(schema)'}`),
    ask: (request) => asks.push(request),
    importData: (target) => done.push(`import ${target.id}`),
  }
  const items = treeMenu(tree, node, handlers)
  const run = (id: string) => items.find((item) => item.id === id)!.run()
  return { ids: items.map((item) => item.id), run, done, asks }
}

describe('treeMenu', () => {
  it('offers a table everything, in order, and each item does what it says', () => {
    const menu = menuFor(connection('postgres'), table)
    expect(menu.ids).toEqual([
      'open-data',
      'structure',
      'er-diagram',
      'new-query',
      'select-first',
      'count-rows',
      'import-data',
      'truncate',
      'drop',
      'copy-name',
      'refresh',
    ])
    for (const id of ['open-data', 'structure', 'select-first', 'copy-name']) menu.run(id)
    expect(menu.done).toEqual([
      'open c/db/s/orders data',
      'open c/db/s/orders structure',
      'query s SELECT * FROM "s"."orders" LIMIT 1000 run',
      'copy "s"."orders"',
    ])
    menu.run('drop')
    expect(menu.asks).toEqual([{ kind: 'drop', node: table, sql: 'DROP TABLE "s"."orders"' }])
  })

  it('offers Import data… on a table and on a schema (a new table), not on a view', () => {
    const menu = menuFor(connection('postgres'), table)
    menu.run('import-data')
    expect(menu.done).toEqual([`import ${table.id}`])
    const schema: TreeNode = { kind: 'schema', id: 'c/db/s', connectionId: 'c', database: 'db', schema: 's' }
    expect(menuFor(connection('postgres'), schema).ids).toContain('import-data')
    const view = { ...table, table: { ...(table as { table: TableInfo }).table, kind: 'view' as const } }
    expect(menuFor(connection('postgres'), view).ids).not.toContain('import-data')
  })

  it('leaves out Truncate and Drop on a read-only connection, and every SQL action on MongoDB', () => {
    expect(menuFor(connection('postgres', true), table).ids).not.toContain('drop')
    expect(menuFor(connection('postgres', true), table).ids).not.toContain('truncate')
    expect(menuFor(connection('postgres', true), table).ids).not.toContain('import-data')
    expect(menuFor(connection('mongodb'), table).ids).toEqual([
      'open-data',
      'structure',
      'new-query',
      'copy-name',
      'refresh',
    ])
  })

  it('gives a column its table’s Open data and Structure, and copies the column’s own quoted name', () => {
    const menu = menuFor(connection('mysql'), column)
    expect(menu.ids).toEqual(['open-data', 'structure', 'new-query', 'copy-name', 'refresh'])
    menu.run('structure')
    menu.run('copy-name')
    expect(menu.done).toEqual(['open c/db/s/orders structure', 'copy `id`'])
  })
})
