import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection, StreamItem } from '../../../src/main/drivers/driver'
import { decodeRows } from '../../../src/shared/contract'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'

describeMysql('mysql: scripts and sessions', (harness) => {
  let db: TestDatabase
  let other: TestDatabase
  let connection: DriverConnection
  const rowsOf = async (sql: string) => (await connection.execute(sql)).rows

  beforeAll(async () => {
    db = await harness.createDatabase('sessions', ['CREATE TABLE t (n INT)'])
    other = await harness.createDatabase('elsewhere', ['CREATE TABLE only_here (n INT)'])
    connection = await harness.driver().connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('runs a transaction across the statements of a script', async () => {
    await connection.execute('BEGIN; INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); ROLLBACK')
    expect(await rowsOf('SELECT count(*) FROM t')).toEqual([[0]])
    await connection.execute('START TRANSACTION; INSERT INTO t VALUES (3); COMMIT')
    expect(await rowsOf('SELECT n FROM t')).toEqual([[3]])
  })

  it('starts every run from a clean session: nothing of the last run leaks into the next', async () => {
    await connection.execute(
      "BEGIN; INSERT INTO t VALUES (4); CREATE TEMPORARY TABLE scratch (x INT); SET @mark = 'set'",
    )
    expect(await rowsOf('SELECT @@in_transaction, @mark, (SELECT count(*) FROM t)')).toEqual([[0, null, 1]])
    await expect(connection.execute('SELECT * FROM scratch')).rejects.toThrow(/doesn't exist/)
  })

  it("moves back to the connection's database after a script ran USE", async () => {
    expect(await rowsOf(`USE \`${other.schema}\`; SELECT count(*) FROM only_here`)).toEqual([[0]])
    expect(await rowsOf('SELECT DATABASE()')).toEqual([[db.schema]])
  })

  it('runs DELIMITER scripts with routine bodies, and CALLs that return rows', async () => {
    const script = [
      'DROP PROCEDURE IF EXISTS fill;',
      'DELIMITER //',
      'CREATE PROCEDURE fill(IN upto INT)',
      'BEGIN',
      '  DECLARE i INT DEFAULT 0;',
      '  WHILE i < upto DO',
      '    SET i = i + 1;',
      '    INSERT INTO t VALUES (100 + i);',
      '  END WHILE;',
      '  SELECT n FROM t WHERE n > 100 ORDER BY n;',
      '  SELECT 1 AS second_result;',
      'END //',
      'DELIMITER ;',
      'CALL fill(3);',
      "SELECT 'after' AS s;",
    ].join('\n')
    const items: StreamItem[] = []
    for await (const item of connection.stream(script, { queryId: 'proc', batchSize: 2 })) items.push(item)
    const statements = items.filter((i) => i.kind === 'statement')
    expect(statements.map((s) => s.sql.split('\n')[0])).toEqual([
      'DROP PROCEDURE IF EXISTS fill',
      'CREATE PROCEDURE fill(IN upto INT)',
      'CALL fill(3)',
      "SELECT 'after' AS s",
    ])
    const batches = items.filter((i) => i.kind === 'rows').map((i) => decodeRows(i.rows))
    // The CALL streams its first result set; later ones are skipped.
    expect(batches).toEqual([[[101], [102]], [[103]], [['after']]])
  })

  it('streams a long script of small statements in order', async () => {
    const script = Array.from({ length: 200 }, (_, i) => `INSERT INTO t VALUES (${1000 + i})`).join(';\n')
    const summaries: (number | null)[] = []
    for await (const item of connection.stream(script, { queryId: 'many', batchSize: 10 }))
      if (item.kind === 'summary') summaries.push(item.affectedRows)
    expect(summaries).toEqual(Array(200).fill(1))
    expect(await rowsOf('SELECT count(*) FROM t WHERE n >= 1000')).toEqual([[200]])
  })
})
