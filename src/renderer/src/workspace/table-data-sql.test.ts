import { describe, expect, it } from 'vitest'
import { cycleSortColumn, tableDataSql, type TableDataQuery } from './table-data-sql'

const base: TableDataQuery = {
  engine: 'postgres',
  schema: 'public',
  table: 'orders',
  where: '',
  conditions: [],
  sort: [],
}

describe('tableDataSql', () => {
  it('selects the whole table, quoted in the dialect', () => {
    expect(tableDataSql(base)).toBe('SELECT * FROM "public"."orders"')
    expect(tableDataSql({ ...base, engine: 'mysql', schema: 'shop' })).toBe('SELECT * FROM `shop`.`orders`')
    expect(tableDataSql({ ...base, engine: 'mssql', schema: 'dbo', table: 'a]b' })).toBe('SELECT * FROM [dbo].[a]]b]')
    expect(tableDataSql({ ...base, engine: 'sqlite', schema: null, table: 'we"ird' })).toBe('SELECT * FROM "we""ird"')
  })

  it('wraps the typed WHERE text and ANDs the column conditions with escaped literals', () => {
    const sql = tableDataSql({
      ...base,
      where: "status = 'open' OR total > 100;",
      conditions: [
        { column: 'customer name', op: '=', value: "O'Brien" },
        { column: 'note', op: 'IS NULL', value: 'ignored' },
        { column: '', op: '=', value: 'skipped' },
        { column: 'code', op: 'LIKE', value: 'A%' },
      ],
    })
    expect(sql).toBe(
      `SELECT * FROM "public"."orders" WHERE (status = 'open' OR total > 100) AND "customer name" = 'O''Brien' AND "note" IS NULL AND "code" LIKE 'A%'`,
    )
    expect(tableDataSql({ ...base, engine: 'mysql', conditions: [{ column: 'p', op: '=', value: 'a\\' }] })).toBe(
      "SELECT * FROM `public`.`orders` WHERE `p` = 'a\\\\'",
    )
  })

  it('orders by the clicked column, cycling asc, desc, none', () => {
    let sort = cycleSortColumn([], 'created at')
    expect(tableDataSql({ ...base, sort })).toBe('SELECT * FROM "public"."orders" ORDER BY "created at" ASC')
    sort = cycleSortColumn(sort, 'created at')
    expect(tableDataSql({ ...base, engine: 'mysql', sort })).toBe(
      'SELECT * FROM `public`.`orders` ORDER BY `created at` DESC',
    )
    expect(cycleSortColumn(sort, 'created at')).toEqual([])
    expect(cycleSortColumn(sort, 'id')).toEqual([{ column: 'id', descending: false }])
  })
})
