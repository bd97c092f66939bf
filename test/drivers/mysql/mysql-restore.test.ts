import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import type mysql from 'mysql2/promise'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { splitStatements } from '../../../src/shared/dialect/split-statements'
import type { TestDatabase } from '../../helpers/engine-harness'
import { describeMysql } from '../../helpers/mariadb-harness'
import { MARIADB_DUMP } from '../../helpers/mariadb-server'
import { collect } from '../../helpers/streams'

const run = promisify(execFile)
const noDump = existsSync(MARIADB_DUMP) ? null : `${MARIADB_DUMP} not found (QUARRY_MARIADB_DUMP names another)`
if (noDump) console.warn(`mysql restore test NOT RUN: ${noDump}`)

const SOURCE = [
  'CREATE TABLE items (id int AUTO_INCREMENT PRIMARY KEY, name text, price decimal(10, 2)) ENGINE=InnoDB',
  'CREATE TABLE audit (item int, note text)',
  `CREATE TRIGGER items_log AFTER INSERT ON items FOR EACH ROW
   BEGIN INSERT INTO audit VALUES (NEW.id, CONCAT('added; ', NEW.name)); INSERT INTO audit VALUES (-NEW.id, 'twice'); END`,
  `CREATE PROCEDURE cheap(IN below decimal(10, 2)) BEGIN SELECT name FROM items WHERE price < below; SELECT 1; END`,
  `CREATE FUNCTION plus_one(a int) RETURNS int DETERMINISTIC BEGIN DECLARE b int; SET b = a + 1; RETURN b; END`,
  'CREATE VIEW dear AS SELECT name, price FROM items WHERE price > 10',
  `INSERT INTO items (name, price) VALUES ('tab\\there', 5), ('line\\nbreak', 12.5), ('it''s; DROP TABLE items;', 20),
   (NULL, 30), ('back\\\\slash -- not a comment', 1), ('名前 ünïcode', 99.99)`,
]

/** What must survive the round trip; `?` is the database's name. */
const SNAPSHOT = [
  'SELECT id, name, price FROM items ORDER BY id',
  'SELECT item, note FROM audit ORDER BY item, note',
  'SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1',
  "SELECT TABLE_NAME, REPLACE(VIEW_DEFINITION, ?, 'db') FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY 1",
  'SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1',
  "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'items'",
]

async function snapshot(admin: mysql.Connection, database: string): Promise<unknown[]> {
  await admin.query(`USE \`${database}\``)
  const out: unknown[] = []
  for (const query of SNAPSHOT) {
    const params = query.includes('REPLACE(') ? [`\`${database}\``, database] : [database]
    out.push((await admin.query({ sql: query, rowsAsArray: true }, params))[0])
  }
  return out
}

describeMysql('mysql: a mariadb-dump file restores through a Script run', (harness) => {
  let source: TestDatabase
  let target: TestDatabase
  let connection: DriverConnection
  let dump = ''

  beforeAll(async () => {
    if (noDump) return
    source = await harness.createDatabase('restore_src', SOURCE)
    target = await harness.createDatabase('restore_dst', [])
    const { host = '127.0.0.1', port, user = '', password = '' } = harness.options()
    const args = ['--routines', '--triggers', '-h', host, '-P', String(port), '-u', user, source.schema]
    dump = (await run(MARIADB_DUMP, args, { env: { ...process.env, MYSQL_PWD: password }, maxBuffer: 1 << 26 })).stdout
    connection = await harness.driver().connect(target.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it.skipIf(noDump !== null)('holds executable comments and DELIMITER ;; blocks the splitter must keep', () => {
    expect(dump).toMatch(/^\/\*!40\d+ SET .*\*\/;$/m)
    expect(dump).toMatch(/^DELIMITER ;;$/m)
    const statements = splitStatements(dump, 'mysql')
    expect(statements.some((s) => /^\/\*!40014 SET @OLD_FOREIGN_KEY_CHECKS/.test(s.sql))).toBe(true)
    expect(statements.filter((s) => /\bTRIGGER items_log\b/.test(s.sql))).toHaveLength(1)
  })

  it.skipIf(noDump !== null)('restores tables, rows, triggers, views and routines', async () => {
    await collect(connection.stream(dump, { queryId: 'restore', batchSize: 100 }))
    const admin = await harness.admin()
    const expected = await snapshot(admin, source.schema)
    expect(expected[0]).toHaveLength(6)
    expect(await snapshot(admin, target.schema)).toEqual(expected)
    // The trigger came back working, and the view reads the restored rows.
    await admin.query(`INSERT INTO \`${target.schema}\`.items (name, price) VALUES ('new', 11)`)
    const [rows] = await admin.query(`SELECT count(*) AS n FROM \`${target.schema}\`.audit`)
    expect(rows).toEqual([{ n: 14 }])
  })
})
