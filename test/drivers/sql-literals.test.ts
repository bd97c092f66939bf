import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { EngineId, WireValue } from '../../src/shared/contract'
import { insertStatement } from '../../src/shared/formats/value-text'
import type { TestDatabase } from '../helpers/engine-harness'
import { engines } from './engines'

/** Values whose literals depend on how the session reads backslashes, and some that do not. */
const TEXTS = [
  'a\\b',
  "\\' OR 1=1 --",
  'trailing\\',
  '\\\\two',
  "quote'd",
  '日本語 ✓',
  'tab\tline\n',
  '\\x41',
  '\\n',
  '',
]
const BYTES: WireValue = { $: 'bytes', v: '00ff5c27', n: 4 }

/** The table, and each string mode as the statement that turns it on for the rest of the script. */
const ENGINES: Partial<Record<EngineId, { table: string; modes: Record<string, string> }>> = {
  postgres: {
    table: 'CREATE TABLE lit (id INT, v TEXT, b BYTEA)',
    modes: {
      'standard_conforming_strings=off': 'SET standard_conforming_strings = off',
      'standard_conforming_strings=on': 'SET standard_conforming_strings = on',
    },
  },
  mysql: {
    table: 'CREATE TABLE lit (id INT, v VARCHAR(200), b VARBINARY(20))',
    modes: {
      'backslash escapes': "SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')",
      NO_BACKSLASH_ESCAPES: "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')",
    },
  },
  sqlite: { table: 'CREATE TABLE lit (id INT, v TEXT, b BLOB)', modes: { default: 'SELECT 1' } },
}

const tested = engines.filter((make) => ENGINES[make().engine])

describe.each(tested.map((make) => [make().engine, make] as const))(
  '%s: INSERT literals round-trip',
  (engine, make) => {
    const harness = make()
    const { table, modes } = ENGINES[engine]!
    let db: TestDatabase
    let connection: DriverConnection

    beforeAll(async () => {
      db = await harness.createDatabase('literals', [table])
      connection = await harness.driver().connect(db.options)
    })
    afterAll(async () => {
      await connection?.close()
      await harness.cleanup()
    })

    it.each(Object.entries(modes))('reads back every value exactly with %s', async (_mode, setMode) => {
      await connection.execute('DELETE FROM lit')
      const inserts = TEXTS.map((text, i) => insertStatement('lit', ['id', 'v', 'b'], [i, text, BYTES], engine))
      // One script, one session: the mode is on for the INSERTs that follow it.
      await connection.execute(`${setMode};\n${inserts.join('\n')}`)
      const { rows } = await connection.execute('SELECT v, b FROM lit ORDER BY id')
      expect(rows.map((row) => row[0])).toEqual(TEXTS)
      for (const row of rows) expect(row[1]).toEqual(BYTES)
    })
  },
)
