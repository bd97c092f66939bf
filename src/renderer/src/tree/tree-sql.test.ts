import { describe, expect, it } from 'vitest'
import type { TableInfo } from '../../../shared/contract'
import type { TreeNode } from './tree-model'
import { copyableName, tableStatements } from './tree-sql'

const info = (name: string, kind: TableInfo['kind'] = 'table', schema = 'main'): TableInfo => ({
  schema,
  name,
  kind,
  rowCount: null,
  rowCountExact: false,
})

describe('tableStatements', () => {
  it('spells each engine’s limit and emptying statement, names quoted', () => {
    expect(tableStatements('sqlite', info('odd"name'))).toEqual({
      selectFirst: 'SELECT * FROM "main"."odd""name" LIMIT 1000',
      empty: 'DELETE FROM "main"."odd""name"',
      drop: 'DROP TABLE "main"."odd""name"',
    })
    expect(tableStatements('mysql', info('orders', 'table', 'shop'))).toEqual({
      selectFirst: 'SELECT * FROM `shop`.`orders` LIMIT 1000',
      empty: 'TRUNCATE TABLE `shop`.`orders`',
      drop: 'DROP TABLE `shop`.`orders`',
    })
    expect(tableStatements('mssql', info('orders', 'table', 'dbo'))?.selectFirst).toBe(
      'SELECT TOP (1000) * FROM [dbo].[orders]',
    )
  })

  it('drops views as views and never empties them; has nothing for MongoDB', () => {
    expect(tableStatements('postgres', info('v', 'view', 'public'))).toMatchObject({
      empty: null,
      drop: 'DROP VIEW "public"."v"',
    })
    expect(tableStatements('postgres', info('m', 'materialized-view', 'public'))?.drop).toBe(
      'DROP MATERIALIZED VIEW "public"."m"',
    )
    expect(tableStatements('mongodb', info('orders', 'table', 'shop'))).toBeNull()
  })
})

describe('copyableName', () => {
  const table: TreeNode = {
    kind: 'table',
    id: 'c/db/s/t',
    connectionId: 'c',
    database: 'db',
    table: info('t', 'table', 's'),
  }
  it('qualifies tables, quotes other identifiers, leaves connection names plain', () => {
    expect(copyableName('postgres', table)).toBe('"s"."t"')
    expect(copyableName('mysql', table)).toBe('`s`.`t`')
    expect(copyableName('mongodb', table)).toBe('s.t')
    const schema: TreeNode = {
      kind: 'schema',
      id: 'c/db/my schema',
      connectionId: 'c',
      database: 'db',
      schema: 'my schema',
    }
    expect(copyableName('postgres', schema)).toBe('"my schema"')
  })
})
