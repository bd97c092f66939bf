import { describe, expect, it } from 'vitest'
import { QuarryFailure, type TableQuery } from '../../shared/contract'
import { createMongodbDriver } from './mongodb/mongodb-driver'
import { MSSQL_FACTS } from './mssql/mssql-facts'
import { createMysqlDriver } from './mysql/mysql-driver'
import { createPostgresDriver } from './postgres/postgres-driver'
import { createSqliteDriver } from './sqlite/sqlite-driver'

const base: TableQuery = { schema: 'public', table: 'orders', where: '', conditions: [], sort: [] }
const filtered: TableQuery = {
  ...base,
  where: "status = 'open' OR total > 100;",
  conditions: [
    { column: 'customer name', op: '=', value: "O'Brien \\' OR 1=1 --" },
    { column: 'note', op: 'IS NULL', value: 'ignored' },
    { column: 'code', op: 'LIKE', value: 'A%' },
  ],
  sort: [{ column: 'created at', descending: true }],
}

describe('table query SQL', () => {
  it('quotes identifiers per dialect and leaves the schema out when there is none', () => {
    expect(createPostgresDriver().tableQuery(base).sql).toBe('SELECT * FROM "public"."orders"')
    expect(createMysqlDriver().tableQuery({ ...base, schema: 'shop' }).sql).toBe('SELECT * FROM `shop`.`orders`')
    expect(MSSQL_FACTS.tableQuery({ ...base, schema: 'dbo', table: 'a]b' }).sql).toBe('SELECT * FROM [dbo].[a]]b]')
    expect(createSqliteDriver().tableQuery({ ...base, schema: null, table: 'we"ird' }).sql).toBe(
      'SELECT * FROM "we""ird"',
    )
  })

  it('sends condition values as parameters, never in the text, with each dialect’s placeholders', () => {
    const values = ["O'Brien \\' OR 1=1 --", 'A%']
    const where = `WHERE (status = 'open' OR total > 100) AND "customer name" = $1 AND "note" IS NULL AND "code" LIKE $2`
    expect(createPostgresDriver().tableQuery(filtered)).toEqual({
      sql: `SELECT * FROM "public"."orders" ${where} ORDER BY "created at" DESC`,
      params: values,
    })
    expect(createMysqlDriver().tableQuery(filtered).sql).toBe(
      "SELECT * FROM `public`.`orders` WHERE (status = 'open' OR total > 100) AND `customer name` = ? AND `note` IS NULL AND `code` LIKE ? ORDER BY `created at` DESC",
    )
    expect(createSqliteDriver().tableQuery(filtered).sql).toContain('"customer name" = ? AND "note" IS NULL')
    expect(MSSQL_FACTS.tableQuery(filtered)).toMatchObject({ params: values })
    expect(MSSQL_FACTS.tableQuery(filtered).sql).toContain(
      '[customer name] = @p1 AND [note] IS NULL AND [code] LIKE @p2',
    )
  })

  it('ends a line comment in the WHERE text before its closing parenthesis, and refuses a second statement', () => {
    expect(createPostgresDriver().tableQuery({ ...base, where: 'id < 5 -- small' }).sql).toBe(
      'SELECT * FROM "public"."orders" WHERE (id < 5 -- small\n)',
    )
    const second = () => createPostgresDriver().tableQuery({ ...base, where: '1 = 1); DELETE FROM orders; SELECT (1' })
    expect(second).toThrow(QuarryFailure)
    expect(second).toThrow(/one expression/)
  })

  it('reads a collection through a filter document for MongoDB', () => {
    const mongo = createMongodbDriver()
    expect(mongo.tableQuery({ ...base, schema: null, table: 'people' })).toEqual({
      sql: 'db.getCollection("people").find({})',
      params: [],
    })
    const built = mongo.tableQuery({
      ...base,
      table: 'pe"ople',
      conditions: [
        { column: 'name', op: '=', value: '"}) ; db.x.drop(' },
        { column: 'city', op: 'LIKE', value: 'P_r.s%' },
        { column: 'gone', op: 'IS NULL', value: '' },
      ],
      sort: [{ column: 'age', descending: true }],
    })
    expect(built.sql).toBe(
      'db.getCollection("pe\\"ople").find({"$and":[{"name":{"$eq":"\\"}) ; db.x.drop("}},' +
        '{"city":{"$regex":"^P.r\\\\.s.*$","$options":"s"}},{"gone":{"$eq":null}}]}).sort({"age":-1})',
    )
    expect(() => mongo.tableQuery({ ...base, where: 'x > 1' })).toThrow(/filter document/)
    expect(() => mongo.tableQuery({ ...base, conditions: [{ column: '$where', op: '=', value: '1' }] })).toThrow(
      /cannot start with \$/,
    )
  })
})
