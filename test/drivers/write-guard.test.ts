import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection, ReadOnlyGuard } from '../../src/main/drivers/driver'
import { READ_ONLY_LIFT_CODE, WRITE_REFUSED_CODE } from '../../src/shared/contract'
import type { EngineId } from '../../src/shared/contract'
import { engineOf } from '../../src/shared/engines/engine-list'
import { notRunBecause } from '../helpers/engine-harness'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf } from '../helpers/streams'
import { engines } from './engines'

const dir = mkdtempSync(join(tmpdir(), 'quarry-guard-'))
const vacuumTarget = join(dir, 'copy.db')
/** Fresh paths in the server's temporary directory (the test server runs on this host): none may appear. */
const serverFiles: string[] = []
const serverFile = (label: string) => {
  serverFiles.push(`/tmp/quarry-guard-${label}-${process.pid}-${Date.now()}.txt`)
  return serverFiles.at(-1)!
}

/**
 * Statements that wrote through safe mode's lexer (issue 11), and statements that lift read-only
 * mode, per engine. None is named by a lexer rule here: the server refuses them.
 */
const CASES: Partial<Record<EngineId, { setup: string[]; writes: string[]; lifts: string[] }>> = {
  postgres: {
    setup: [
      'CREATE FUNCTION wipe() RETURNS int LANGUAGE plpgsql AS $$ BEGIN DELETE FROM t; RETURN 1; END $$',
      `CREATE PROCEDURE wipe_later() LANGUAGE plpgsql AS $$ BEGIN
         PERFORM set_config('default_transaction_read_only', 'off', false); COMMIT; DELETE FROM t; END $$`,
    ],
    writes: [
      'WITH x AS (DELETE FROM t RETURNING *) SELECT count(*) FROM x',
      'EXPLAIN ANALYZE DELETE FROM t',
      'MERGE INTO t USING (SELECT 1 AS x) s ON t.x = s.x WHEN MATCHED THEN DELETE',
      'DO $$ BEGIN DELETE FROM t; END $$',
      'PREPARE p AS DELETE FROM t; EXECUTE p',
      'DELETE FROM t AS éwhere',
      'SELECT wipe()',
      'CALL wipe_later()',
      'UPDATE t SET x = x + 1 RETURNING x',
    ],
    lifts: [
      'SET default_transaction_read_only = off; DELETE FROM t',
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM t',
      'COMMIT; BEGIN; DELETE FROM t',
      'BEGIN READ WRITE; DELETE FROM t',
      'SET TRANSACTION READ WRITE; DELETE FROM t',
      "SELECT set_config('default_transaction_read_only', 'off', false); DELETE FROM t",
    ],
  },
  mysql: {
    setup: [
      'CREATE FUNCTION wipe() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM t; RETURN 1; END',
      'CREATE PROCEDURE lift_and_wipe() BEGIN SET SESSION TRANSACTION READ WRITE; DELETE FROM t; END',
    ],
    writes: [
      '/*!50000 DELETE */ FROM t',
      'DELETE éwhere FROM t AS éwhere',
      'SELECT wipe()',
      'CREATE TEMPORARY TABLE tt (y INT)',
      'TRUNCATE t',
      'ANALYZE DELETE FROM t',
      'DELETE FROM t RETURNING x',
      // A read-only transaction lets these write a file on the server's host (with the FILE privilege).
      `SELECT x FROM t INTO OUTFILE '${serverFile('outfile')}'`,
      `SELECT x INTO DUMPFILE '${serverFile('dumpfile')}' FROM t LIMIT 1`,
      `SELECT x FROM t /*!50000 INTO */ /* a comment */ OUTFILE '${serverFile('commented')}'`,
    ],
    lifts: [
      'START TRANSACTION READ WRITE; DELETE FROM t',
      'SET SESSION TRANSACTION READ WRITE; DELETE FROM t',
      '/*!50000 SET SESSION TRANSACTION READ /* x */ WRITE */; DELETE FROM t',
      'SET STATEMENT tx_read_only = 0 FOR DELETE FROM t',
      "SET @s = CONCAT('SET SESSION TRANSACTION READ', ' WRITE'); PREPARE st FROM @s; EXECUTE st; DELETE FROM t",
      'CALL lift_and_wipe(); DELETE FROM t',
    ],
  },
  sqlite: {
    setup: [],
    writes: [
      'WITH x AS (SELECT 1) DELETE FROM t',
      'DELETE FROM t AS éwhere',
      'DELETE FROM t RETURNING x',
      `VACUUM INTO '${vacuumTarget}'`,
      'CREATE TEMP TABLE tt (y INTEGER)',
      'PRAGMA user_version = 7',
    ],
    lifts: [],
  },
}

const guarded = engines
  .map((make) => make())
  .filter((harness) => CASES[harness.engine] && engineOf(harness.engine).capabilities.serverJudgesWrites)
  .map((harness) => [harness.engine, harness] as const)

describe.each(guarded)('%s: the server decides what writes (read-only guard)', (engine, harness: EngineHarness) => {
  const cases = CASES[engine]!
  const driver = harness.driver()
  let db: TestDatabase
  let connection: DriverConnection
  const run = (sql: string, guard?: ReadOnlyGuard, on = connection) =>
    collect(
      on.stream(sql, {
        queryId: `q-${Math.random()}`,
        batchSize: 100,
        database: db.name,
        ...(guard ? { readOnlyGuard: guard } : {}),
      }),
    )
  const count = async () => (await run('SELECT count(*) FROM t')).rows[0]?.[0]

  beforeAll(async () => {
    db = await harness.createDatabase('guard', [
      'CREATE TABLE t (x INTEGER)',
      'INSERT INTO t VALUES (1), (2), (3)',
      ...cases.setup,
    ])
    connection = await driver.connect(db.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses every disguised write, which changes nothing, and still reads', async () => {
    for (const sql of cases.writes) {
      const error = await failureOf(run(sql, {}), 'permission')
      expect(error.code, `${sql}: ${error.message}`).toBe(WRITE_REFUSED_CODE)
      expect(error.position, sql).toBeGreaterThan(0)
      expect(Number(await count()), sql).toBe(3)
    }
    expect([vacuumTarget, ...serverFiles].filter((path) => existsSync(path))).toEqual([])
    expect((await run('SELECT x FROM t ORDER BY x', {})).rows).toEqual([[1], [2], [3]])
  })

  it('names the statement refused: the reads before it ran, the write did not', async () => {
    const script = 'SELECT 1; DELETE FROM t; SELECT 2'
    const seen: string[] = []
    const error = await failureOf(
      (async () => {
        for await (const item of connection.stream(script, {
          queryId: 'named',
          batchSize: 10,
          database: db.name,
          readOnlyGuard: {},
        })) {
          if (item.kind === 'statement') seen.push(item.sql)
        }
      })(),
      'permission',
    )
    expect(error.code).toBe(WRITE_REFUSED_CODE)
    expect(seen).toEqual(['SELECT 1', 'DELETE FROM t'])
    expect(error.position).toBe(script.indexOf('DELETE') + 1)
  })

  const noLifts = cases.lifts.length === 0
  if (noLifts)
    notRunBecause(engine, 'lifting read-only from SQL', 'the engine has no read-only mode SQL could turn off')
  it.skipIf(noLifts)(
    'cannot be lifted from SQL: statements that turn read-only off are refused or stay read-only',
    async () => {
      for (const sql of cases.lifts) {
        const error = await failureOf(run(sql, {}), 'permission')
        expect([WRITE_REFUSED_CODE, READ_ONLY_LIFT_CODE], `${sql}: ${error.message}`).toContain(error.code)
        expect(Number(await count()), sql).toBe(3)
      }
    },
  )

  it('runs only the confirmed statement read-write, then continues read-only', async () => {
    const error = await failureOf(run('DELETE FROM t WHERE x = 1; DELETE FROM t', { allowWriteAt: 0 }), 'permission')
    expect(error.code).toBe(WRITE_REFUSED_CODE)
    expect((await run('SELECT x FROM t ORDER BY x')).rows).toEqual([[2], [3]])
    await run('INSERT INTO t VALUES (1)')
  })

  it('a read-only connection cannot be lifted either, and refuses VACUUM INTO / temp tables', async () => {
    const readOnly = await driver.connect({ ...db.options, readOnly: true })
    try {
      for (const sql of [...cases.lifts, ...cases.writes]) {
        const error = await failureOf(run(sql, undefined, readOnly), 'permission')
        expect(error.code, sql).not.toBe(WRITE_REFUSED_CODE)
        expect(Number(await count()), sql).toBe(3)
      }
      expect([vacuumTarget, ...serverFiles].filter((path) => existsSync(path))).toEqual([])
    } finally {
      await readOnly.close()
    }
  })
})
