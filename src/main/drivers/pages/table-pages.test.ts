import { describe, expect, it } from 'vitest'
import type { ColumnInfo, TableQuery, TableSchema } from '../../../shared/contract'
import { MSSQL_EDIT_DIALECT } from '../mssql/mssql-edit-dialect'
import { MSSQL_FACTS } from '../mssql/mssql-facts'
import { MYSQL_EDIT_DIALECT } from '../mysql/mysql-edit-dialect'
import { createMysqlDriver } from '../mysql/mysql-driver'
import { planTablePage } from './table-pages'

const column = (name: string, dataType: string, nullable: boolean): ColumnInfo => ({
  name,
  dataType,
  nullable,
  defaultValue: null,
  primaryKeyPosition: null,
  unique: false,
  autoIncrement: false,
  comment: null,
})

const table = (primaryKey: string[], columns: ColumnInfo[]): TableSchema => ({
  schema: 'dbo',
  name: 't',
  kind: 'table',
  columns,
  primaryKey,
  indexes: [],
  foreignKeys: [],
  checks: [],
  definition: null,
})

const orders = table(['id'], [column('id', 'bigint', false), column('note', 'nvarchar(20)', true)])
const query = (sort: TableQuery['sort'] = []): TableQuery => ({
  schema: 'dbo',
  table: 't',
  where: '',
  conditions: [{ column: 'note', op: '<>', value: 'x' }],
  sort,
})

describe('table page SQL (engines without a server here)', () => {
  it('SQL Server: OFFSET … FETCH after the order, the cursor bound after the filter as typed @p parameters', () => {
    const first = planTablePage(query(), { size: 300 }, orders, MSSQL_EDIT_DIALECT)
    expect(first.info).toEqual({ mode: 'keyset', cursor: ['id'], reason: null })
    expect(MSSQL_FACTS.tableQuery(query(), first.clauses)).toEqual({
      sql: 'SELECT * FROM [dbo].[t] WHERE [note] <> @p1 ORDER BY [id] ASC OFFSET 0 ROWS FETCH NEXT 300 ROWS ONLY',
      params: ['x'],
    })
    const sort = [{ column: 'note', descending: false }]
    const next = planTablePage(
      query(sort),
      { size: 2, after: ['n', { $: 'int', v: '9007199254740993' }] },
      orders,
      MSSQL_EDIT_DIALECT,
    )
    expect(MSSQL_FACTS.tableQuery(query(sort), next.clauses)).toEqual({
      sql:
        'SELECT * FROM [dbo].[t] WHERE [note] <> @p1 AND ((([note] > @p2 OR [note] IS NULL)) OR ([note] = @p3 AND [id] > CAST(@p4 AS bigint)))' +
        ' ORDER BY CASE WHEN [note] IS NULL THEN 1 ELSE 0 END, [note] ASC, [id] ASC OFFSET 0 ROWS FETCH NEXT 2 ROWS ONLY',
      params: ['x', 'n', 'n', '9007199254740993'],
    })
  })

  it('SQL Server: a keyless table pages by offset, ordered by no column where there is no sort; Fetch all has no FETCH', () => {
    const keyless = table([], [column('note', 'nvarchar(20)', true)])
    const plan = planTablePage(query(), { size: null, offset: 600 }, keyless, MSSQL_EDIT_DIALECT)
    expect(plan.info.mode).toBe('offset')
    expect(MSSQL_FACTS.tableQuery(query(), plan.clauses).sql).toBe(
      'SELECT * FROM [dbo].[t] WHERE [note] <> @p1 ORDER BY (SELECT NULL) OFFSET 600 ROWS',
    )
  })

  it('`?` placeholders: values are bound in the order the text reads them (descending, NULL last value)', () => {
    const pairs = table(['a', 'b'], [column('a', 'int', false), column('b', 'bigint', false), column('g', 'int', true)])
    const sort = [{ column: 'g', descending: true }]
    const plan = planTablePage(
      query(sort),
      { size: 5, after: [null, 7, { $: 'int', v: '-9223372036854775808' }] },
      pairs,
      MYSQL_EDIT_DIALECT,
    )
    const built = createMysqlDriver().tableQuery({ ...query(sort), conditions: [] }, plan.clauses)
    expect(built.sql).toBe(
      'SELECT * FROM `dbo`.`t` WHERE ((`g` IS NOT NULL) OR (`g` IS NULL AND `a` > CAST(? AS SIGNED))' +
        ' OR (`g` IS NULL AND `a` = CAST(? AS SIGNED) AND `b` > CAST(? AS SIGNED)))' +
        ' ORDER BY CASE WHEN `g` IS NULL THEN 0 ELSE 1 END, `g` DESC, `a` ASC, `b` ASC LIMIT 5',
    )
    expect(built.params).toEqual(['7', '7', '-9223372036854775808'])
  })

  it('a sort column that does not compare exactly pages by offset, and says why; a stale cursor is refused', () => {
    const floats = table(['id'], [column('id', 'int', false), column('f', 'float', true)])
    const plan = planTablePage(query([{ column: 'f', descending: false }]), { size: 5 }, floats, MYSQL_EDIT_DIALECT)
    expect(plan.info).toMatchObject({
      mode: 'offset',
      reason: expect.stringMatching(/"f" \(float\) does not compare exactly/),
    })
    expect(() => planTablePage(query(), { size: 5, after: [1, 2] }, orders, MSSQL_EDIT_DIALECT)).toThrow(
      /2 cursor values|1 cursor values/,
    )
    expect(() =>
      planTablePage(query([{ column: 'nope', descending: false }]), { size: 5 }, orders, MSSQL_EDIT_DIALECT),
    ).toThrow(/no column "nope"/)
  })
})
