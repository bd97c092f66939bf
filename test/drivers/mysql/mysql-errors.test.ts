import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { errorPosition } from '../../../src/main/drivers/mysql/mysql-error-position'
import { toMysqlError } from '../../../src/main/drivers/mysql/mysql-errors'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { collect, failureOf } from '../../helpers/streams'

const near = (excerpt: string, line: number) =>
  `You have an error in your SQL syntax; check the manual … to use near '${excerpt}' at line ${line}`

describe('mysql: error positions from "near … at line N"', () => {
  it('places an excerpt that runs to the end of the statement, offset into the script', () => {
    expect(errorPosition(near('SELEKT 1', 1), { sql: 'SELEKT 1', offset: 0 })).toBe(1)
    expect(errorPosition(near('FORM t', 2), { sql: 'SELECT *\nFORM t', offset: 10 })).toBe(10 + 9 + 1)
  })

  it('points at the last character when the statement ended too early', () => {
    expect(errorPosition(near('', 1), { sql: 'SELECT * FROM', offset: 4 })).toBe(4 + 13)
  })

  it('places a cut excerpt only where it is the one match on its line', () => {
    const tail = `x${'y'.repeat(100)}`
    const sql = `SELECT 1 FROM t WHERE ${tail}`
    expect(errorPosition(near(tail.slice(0, 80), 1), { sql, offset: 0 })).toBe(sql.indexOf(tail) + 1)
    const twice = `SELECT '${'a'.repeat(90)}', '${'a'.repeat(90)}'`
    expect(errorPosition(near('a'.repeat(80), 1), { sql: twice, offset: 0 })).toBeNull()
  })

  it('leaves the position out when the excerpt is not where the line says, or absent', () => {
    expect(errorPosition(near('FORM t', 1), { sql: 'SELECT *\nFORM t', offset: 0 })).toBeNull()
    expect(errorPosition("Table 'x.t' doesn't exist", { sql: 'SELECT * FROM t', offset: 0 })).toBeNull()
  })

  it('names MariaDB-only error numbers itself (mysql2 knows MySQL names only)', () => {
    const killed = { message: 'Connection was killed', sqlMessage: 'Connection was killed', errno: 1927, code: 'X' }
    expect(toMysqlError(killed, { flavor: 'mariadb' })).toMatchObject({
      kind: 'connection',
      code: 'ER_CONNECTION_KILLED (1927)',
    })
    const unknown = { message: 'odd', sqlMessage: 'odd', errno: 4100, code: 'ER_MYSQL_NAME' }
    expect(toMysqlError(unknown, { flavor: 'mariadb' })).toMatchObject({ kind: 'internal', code: '4100' })
    expect(toMysqlError(unknown, { flavor: 'mysql' })).toMatchObject({ code: 'ER_MYSQL_NAME (4100)' })
  })
})

describeMysql('mysql: errors from the server', (harness) => {
  let db: TestDatabase
  let connection: DriverConnection

  beforeAll(async () => {
    db = await harness.createDatabase('errors', ['CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL)'])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('places a syntax error in the script it came from', async () => {
    const script = 'SELECT 1;\n\n  SELECT *\n  FORM t;\nSELECT 2'
    const error = await failureOf(collect(connection.stream(script, { queryId: 'pos', batchSize: 10 })), 'syntax')
    expect(error.code).toBe('ER_PARSE_ERROR (1064)')
    expect(error.position).toBe(script.indexOf('FORM t') + 1)
  })

  it('maps server errors to kinds, keeping name and number', async () => {
    const cases: [string, string, string][] = [
      ['SELECT * FROM nope', 'syntax', 'ER_NO_SUCH_TABLE (1146)'],
      ['SELECT nope FROM t', 'syntax', 'ER_BAD_FIELD_ERROR (1054)'],
      ["INSERT INTO t VALUES (1, 'a'), (1, 'b')", 'invalid-input', 'ER_DUP_ENTRY (1062)'],
      ['INSERT INTO t VALUES (2, NULL)', 'invalid-input', 'ER_BAD_NULL_ERROR (1048)'],
      ["INSERT INTO t VALUES (3, 'toolong')", 'invalid-input', 'ER_DATA_TOO_LONG (1406)'],
      ['USE quarry_nowhere', 'not-found', 'ER_BAD_DB_ERROR (1049)'],
    ]
    for (const [sql, kind, code] of cases) {
      const error = await failureOf(
        connection.execute(`SET SESSION sql_mode = 'STRICT_ALL_TABLES'; ${sql}`),
        kind as never,
      )
      expect(error.code, sql).toBe(code)
      expect(error.engine).toBe('mysql')
    }
  })

  it('treats a lost session as a connection error, and carries on with a new one', async () => {
    // Observed from the start: the stream may fail before the KILL's own reply arrives.
    const failed = failureOf(
      collect(connection.stream(harness.fixtures.endless, { queryId: 'lost', batchSize: 100 })),
      'connection',
    )
    await new Promise((resolve) => setTimeout(resolve, 150))
    await harness.killRunningQuery(connection)
    await failed
    expect((await connection.execute('SELECT 1')).rows).toEqual([[1]])
  })
})
