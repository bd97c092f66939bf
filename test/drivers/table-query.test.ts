import type { RowDataPacket } from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { ColumnCondition, EngineId, TableQuery } from '../../src/shared/contract'
import type { EngineHarness, TestDatabase } from '../helpers/engine-harness'
import { notRunBecause } from '../helpers/engine-harness'
import type { MariadbHarness } from '../helpers/mariadb-harness'
import type { PostgresHarness } from '../helpers/postgres-harness'
import { collect } from '../helpers/streams'
import { engines } from './engines'

/** Breaks out of a string literal spliced with doubled quotes where backslashes escape. */
const PAYLOAD = "\\' OR 1=1 --"

/** A backslash in each engine's SQL, without relying on how its literals read one. */
const BACKSLASH: Partial<Record<EngineId, string>> = {
  postgres: 'chr(92)',
  sqlite: 'char(92)',
  mysql: 'CHAR(92 USING utf8mb4)',
  mssql: 'NCHAR(92)',
  duckdb: 'chr(92)',
}
const concat = (engine: EngineId, parts: string[]) =>
  engine === 'mysql' ? `CONCAT(${parts.join(', ')})` : parts.join(engine === 'mssql' ? ' + ' : ' || ')

/** people: 1 O'Brien, 2 a\b, 3 unicode, 4 NULL, 5 plain, 6 A%_x. */
function seed(engine: EngineId): string[] {
  const text = engine === 'mssql' ? 'NVARCHAR(100)' : 'VARCHAR(100)'
  const n = engine === 'mssql' ? 'N' : ''
  const backslash = concat(engine, ["'a'", BACKSLASH[engine]!, "'b'"])
  return [
    `CREATE TABLE people (id INT PRIMARY KEY, name ${text})`,
    `INSERT INTO people VALUES (1, 'O''Brien'), (2, ${backslash}), (3, ${n}'日本語 ✓'), (4, NULL), (5, 'plain'), (6, 'A%_x')`,
  ]
}

/** Ways a session can read string literals; each runs every check below on fresh sessions. */
interface StringMode {
  label: string
  apply(harness: EngineHarness, db: TestDatabase): Promise<void>
  restore?(harness: EngineHarness): Promise<void>
  /** A statement whose one value proves the mode is on in the driver's sessions. */
  probe?: { sql: string; expect: (value: unknown) => void }
}

let savedSqlMode: string | null = null

const MODES: Partial<Record<EngineId, StringMode[]>> = {
  postgres: [
    {
      label: 'standard_conforming_strings=off',
      apply: async (harness, db) => {
        await (
          await (harness as PostgresHarness).admin()
        ).query(`ALTER DATABASE "${db.name}" SET standard_conforming_strings = off`)
      },
      probe: { sql: 'SHOW standard_conforming_strings', expect: (value) => expect(value).toBe('off') },
    },
    {
      label: 'standard_conforming_strings=on',
      apply: async (harness, db) => {
        await (
          await (harness as PostgresHarness).admin()
        ).query(`ALTER DATABASE "${db.name}" RESET standard_conforming_strings`)
      },
      probe: { sql: 'SHOW standard_conforming_strings', expect: (value) => expect(value).toBe('on') },
    },
  ],
  mysql: [
    { label: 'backslash escapes (default sql_mode)', apply: async () => {} },
    {
      label: 'NO_BACKSLASH_ESCAPES',
      // sql_mode has no per-database default: set the server's, for the sessions opened after it.
      apply: async (harness) => {
        const admin = await (harness as MariadbHarness).admin()
        const [rows] = await admin.query<RowDataPacket[]>('SELECT @@GLOBAL.sql_mode AS mode')
        savedSqlMode = String(rows[0]?.mode)
        await admin.query("SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')")
      },
      restore: async (harness) => {
        if (savedSqlMode !== null)
          await (await (harness as MariadbHarness).admin()).query('SET GLOBAL sql_mode = ?', [savedSqlMode])
      },
      probe: { sql: 'SELECT @@sql_mode', expect: (value) => expect(String(value)).toContain('NO_BACKSLASH_ESCAPES') },
    },
  ],
  sqlite: [{ label: 'default', apply: async () => {} }],
  mssql: [{ label: 'default', apply: async () => {} }],
  duckdb: [{ label: 'default', apply: async () => {} }],
}

const sqlEngines = engines.filter((make) => MODES[make().engine])
for (const make of engines) {
  const { engine } = make()
  if (!MODES[engine])
    notRunBecause(engine, 'table query filters', 'a document engine (its filter document is unit-tested)')
}

describe.each(sqlEngines.map((make) => [make().engine, make] as const))('%s: table query', (engine, make) => {
  const harness = make()
  const driver = harness.driver()
  let db: TestDatabase

  beforeAll(async () => {
    db = await harness.createDatabase('tablequery', seed(engine))
  })
  afterAll(async () => {
    await harness.cleanup()
  })

  describe.each(MODES[engine]!.map((mode) => [mode.label, mode] as const))('with %s', (_label, mode) => {
    let connection: DriverConnection
    const ids = async (partial: Partial<TableQuery>): Promise<unknown[]> => {
      const query: TableQuery = { schema: db.schema, table: 'people', where: '', conditions: [], sort: [], ...partial }
      const built = driver.tableQuery(query)
      const result = await collect(connection.stream(built.sql, { queryId: 'q', batchSize: 100, params: built.params }))
      return result.rows.map((row) => Number(row[0]))
    }
    const where = (column: string, op: ColumnCondition['op'], value = '') => ({
      conditions: [{ column, op, value }],
      sort: [{ column: 'id', descending: false }],
    })

    beforeAll(async () => {
      await mode.apply(harness, db)
      connection = await driver.connect(db.options)
      if (mode.probe) mode.probe.expect((await connection.execute(mode.probe.sql)).rows[0]?.[0])
    })
    afterAll(async () => {
      await connection?.close()
      await mode.restore?.(harness)
    })

    it('binds a backslash-quote payload as a value: it matches no row', async () => {
      expect(await ids(where('name', '=', PAYLOAD))).toEqual([])
      expect(await ids(where('name', '<>', PAYLOAD))).toEqual([1, 2, 3, 5, 6])
    })

    it('matches quotes, backslashes and unicode exactly', async () => {
      expect(await ids(where('name', '=', "O'Brien"))).toEqual([1])
      expect(await ids(where('name', '=', 'a\\b'))).toEqual([2])
      expect(await ids(where('name', '=', '日本語 ✓'))).toEqual([3])
    })

    it('filters with NULL tests, LIKE, conversions and the typed WHERE text, sorted', async () => {
      expect(await ids(where('name', 'IS NULL'))).toEqual([4])
      expect(await ids(where('name', 'IS NOT NULL'))).toEqual([1, 2, 3, 5, 6])
      expect(await ids(where('name', 'LIKE', 'O%'))).toEqual([1])
      expect(await ids(where('name', 'NOT LIKE', '%l%'))).toEqual([1, 2, 3, 6])
      expect(await ids(where('id', '>=', '4'))).toEqual([4, 5, 6])
      const sorted = { where: 'id < 6 -- a comment', sort: [{ column: 'id', descending: true }] }
      expect(await ids({ ...sorted, conditions: [{ column: 'id', op: '>', value: '1' }] })).toEqual([5, 4, 3, 2])
    })
  })
})
