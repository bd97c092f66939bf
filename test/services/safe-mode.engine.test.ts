import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { WRITE_REFUSED_CODE } from '../../src/shared/contract'
import type { ConnectionSummary, EngineId, EventPayloads, QuarryError, Result } from '../../src/shared/contract'
import { notRunBecause } from '../helpers/engine-harness'
import { mariadbHarnesses } from '../helpers/mariadb-harness'
import { postgresEngines } from '../helpers/postgres-harness'
import { recordingClient } from './recording-client'

const pg = postgresEngines()[0]?.()
const maria = mariadbHarnesses()[0]?.()

/** An engine under test: how to reach a database with `t` (1, 2, 3), and its issue 11 bypasses. */
interface SafeEngine {
  make: () => Promise<{ profile: object; password?: string }>
  /** Writes no lexer rule names (issue 11's bypasses), each as [its text in a script, the statement refused]. */
  writes: [string, string][]
  /** Statements Export must not run again: they write, whatever rows they return. */
  exportWrites: string[]
  /** Whether the engine measures plans by running the statement (EXPLAIN ANALYZE, MariaDB's ANALYZE). */
  analyzes: boolean
}
const same = (sql: string): [string, string] => [sql, sql]

/**
 * Safe mode, Export and EXPLAIN ANALYZE through the contract: the server refuses writes, the run
 * names the statement, and only a confirmation runs that one statement read-write.
 */
describe('safe mode over the contract: the server decides what writes', () => {
  let dir: string
  let services: AppServices
  const recording = recordingClient()
  let n = 0
  const call = async <T>(method: string, input: unknown): Promise<Result<T>> =>
    (await services.dispatch(method, input, recording.client)) as Result<T>
  const value = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
    return result.value
  }
  const waitFor = async <E extends 'query.end' | 'export.end'>(event: E, queryId: string) => {
    const deadline = Date.now() + 10_000
    const find = () => recording.events.find((e) => e.event === event && e.payload.queryId === queryId)
    while (!find() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
    return find()?.payload as EventPayloads[E]
  }
  const runQuery = async (connectionId: string, sql: string, extra: object = {}) => {
    const queryId = `q${n++}`
    const started = await call('query.start', { connectionId, queryId, sql, ...extra })
    if (!started.ok) return { started, end: null, statements: [] }
    const end = await waitFor('query.end', queryId)
    const statements = recording.events.flatMap((e) =>
      e.event === 'query.statement' && e.payload.queryId === queryId ? [e.payload.sql] : [],
    )
    return { started, end, statements }
  }
  const count = async (id: string) => (await runQuery(id, 'SELECT x FROM t')).end?.rowCount

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-safe-'))
    const db = new Database(join(dir, 'rows.db'))
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);')
    db.close()
    services = createAppServices({
      host: 'browser',
      version: 'test',
      sampleDb: join(dir, 'rows.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })
  })
  afterAll(async () => {
    await services?.close()
    await pg?.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  const engines: [EngineId, SafeEngine][] = [
    [
      'sqlite',
      {
        make: async () => ({ profile: { engine: 'sqlite', file: join(dir, 'rows.db') } }),
        writes: [same('WITH x AS (SELECT 1) DELETE FROM t'), same('DELETE FROM t AS éwhere')],
        exportWrites: ['UPDATE t SET x = x + 10 RETURNING x', 'DELETE FROM t RETURNING x'],
        analyzes: false,
      },
    ],
  ]
  if (pg) {
    engines.push([
      'postgres',
      {
        make: async () => {
          const db = await pg.createDatabase('safe', [
            'CREATE TABLE t (x INTEGER)',
            'INSERT INTO t VALUES (1), (2), (3)',
            'CREATE FUNCTION wipe() RETURNS int LANGUAGE plpgsql AS $$ BEGIN DELETE FROM t; RETURN 1; END $$',
          ])
          const { host, port, user, password, database } = db.options
          return { profile: { engine: 'postgres', host, port, user, database, ssl: { mode: 'disable' } }, password }
        },
        writes: [
          same('SELECT wipe()'),
          same('WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d'),
          same('EXPLAIN ANALYZE DELETE FROM t'),
          same('MERGE INTO t USING (SELECT 1 AS x) s ON t.x = s.x WHEN MATCHED THEN DELETE'),
          same('DO $$ BEGIN DELETE FROM t; END $$'),
          ['PREPARE p AS DELETE FROM t; EXECUTE p; DEALLOCATE p', 'EXECUTE p'],
          same('DELETE FROM t AS éwhere'),
        ],
        exportWrites: ['UPDATE t SET x = x + 10 RETURNING x', 'DELETE FROM t RETURNING x'],
        analyzes: true,
      },
    ])
  } else notRunBecause('postgres', 'safe mode over the contract', 'no PostgreSQL server for the tests')
  if (maria) {
    engines.push([
      'mysql',
      {
        make: async () => {
          const db = await maria.createDatabase('safe', [
            'CREATE TABLE t (x INTEGER)',
            'INSERT INTO t VALUES (1), (2), (3)',
            'CREATE FUNCTION wipe() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM t; RETURN 1; END',
          ])
          const { host, port, user, password, database } = db.options
          return { profile: { engine: 'mysql', host, port, user, database }, ...(password ? { password } : {}) }
        },
        writes: [
          same('SELECT wipe()'),
          same('/*!50000 DELETE */ FROM t'),
          same('DELETE éwhere FROM t AS éwhere'),
          same('ANALYZE DELETE FROM t'),
        ],
        exportWrites: ['DELETE FROM t RETURNING x', '/*!50000 DELETE */ FROM t'],
        analyzes: true,
      },
    ])
  } else notRunBecause('mysql', 'safe mode over the contract', 'no MySQL/MariaDB server for the tests')

  describe.each(engines)('%s', (engine, { make, writes, exportWrites, analyzes }) => {
    let id: string
    let plain: string

    beforeAll(async () => {
      const { profile, password } = await make()
      const save = (name: string, extra: object) =>
        call<ConnectionSummary>('connections.save', {
          profile: { ...profile, name, ...extra },
          ...(password ? { password } : {}),
        })
      id = value(await save(`${engine} safe`, { safeMode: true })).id
      plain = value(await save(`${engine} plain`, {})).id
    })

    it('runs the reads, and stops at the write the server refused, naming it: nothing changed', async () => {
      for (const [write, refused] of [same('DELETE FROM t WHERE x > 0'), same('DROP TABLE t'), ...writes]) {
        const script = `SELECT 1; ${write}; SELECT 2`
        const { end, statements } = await runQuery(id, script)
        expect(end?.outcome, write).toBe('error')
        expect(end?.error, write).toMatchObject({ kind: 'permission', code: WRITE_REFUSED_CODE })
        expect(end?.error?.position, write).toBe(script.indexOf(refused) + 1)
        expect(statements.at(0), write).toBe('SELECT 1')
        expect(statements.at(-1), write).toBe(refused)
        expect(await count(id), write).toBe(3)
      }
    })

    it('"Run anyway" runs that one statement read-write, then the rest read-only', async () => {
      const mismatch = await runQuery(id, 'DELETE FROM t; SELECT 2', { confirmedWrite: 'DELETE FROM t WHERE x = 1' })
      expect(mismatch.started).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
      const { end } = await runQuery(id, 'DELETE FROM t WHERE x = 3; DELETE FROM t', {
        confirmedWrite: 'DELETE FROM t WHERE x = 3',
      })
      expect(end?.error).toMatchObject({ code: WRITE_REFUSED_CODE })
      expect(await count(id)).toBe(2)
      expect(
        (await runQuery(id, 'INSERT INTO t VALUES (3)', { confirmedWrite: 'INSERT INTO t VALUES (3)' })).end?.outcome,
      ).toBe('done')
    })

    it('Export re-runs only what the server accepts as read-only, safe mode or not', async () => {
      for (const [connectionId, sql] of [
        ...exportWrites.map((sql) => [plain, sql] as const),
        [id, 'DROP TABLE t'] as const,
      ]) {
        const queryId = `e${n++}`
        const path = join(dir, `${queryId}.csv`)
        value(await call('export.start', { connectionId, queryId, sql, format: 'csv', path }))
        const end = await waitFor('export.end', queryId)
        expect(end.outcome, sql).toBe('error')
        expect(end.error, sql).toMatchObject({ kind: 'permission', code: WRITE_REFUSED_CODE })
        expect((end.error as QuarryError).message).toMatch(/Export runs the statement again/)
        expect(existsSync(path)).toBe(false)
        expect(await count(id)).toBe(3)
      }
      expect((await runQuery(plain, 'SELECT x FROM t ORDER BY x')).end?.rowCount).toBe(3)
      const queryId = `e${n++}`
      const path = join(dir, 'reads.csv')
      writeFileSync(path, '')
      value(
        await call('export.start', {
          connectionId: id,
          queryId,
          sql: 'SELECT x FROM t',
          format: 'csv',
          path,
          overwrite: true,
        }),
      )
      expect((await waitFor('export.end', queryId)).rowsWritten).toBe(3)
    })

    if (!analyzes) notRunBecause(engine, 'EXPLAIN ANALYZE under safe mode', 'the engine has no EXPLAIN ANALYZE')
    it.skipIf(!analyzes)(
      'EXPLAIN ANALYZE under safe mode measures only what the server accepts as read-only',
      async () => {
        for (const sql of ['DELETE FROM t', 'UPDATE t SET x = 0']) {
          const refused = await call('query.explain', { connectionId: id, sql, analyze: true })
          expect(refused, sql).toMatchObject({ ok: false, error: { kind: 'permission', code: WRITE_REFUSED_CODE } })
          expect(await count(id), sql).toBe(3)
        }
        expect(await call('query.explain', { connectionId: id, sql: 'SELECT x FROM t', analyze: true })).toMatchObject({
          ok: true,
        })
        // Plain Explain never runs the statement: it is not guarded, and shows the DELETE's plan.
        expect(await call('query.explain', { connectionId: id, sql: 'DELETE FROM t' })).toMatchObject({ ok: true })
      },
    )
  })
})
