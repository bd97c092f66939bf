import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { inject } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { DuckdbConnection } from '../../src/main/drivers/duckdb/duckdb-connection'
import { createDuckdbDriver } from '../../src/main/drivers/duckdb/duckdb-driver'
import type { EngineHarness } from './engine-harness'
import { duckdbFixtures } from './duckdb-fixtures'

const asDuckdb = (connection: DriverConnection) => connection as DuckdbConnection

/** The DuckDB harness, plus what DuckDB-only tests need. */
export interface DuckdbHarness extends EngineHarness {
  /** The temp dir holding this harness's database and data files. */
  tempDir(): Promise<string>
}

/** Writes a DuckDB database file with `statements` run in it, then closes it (a checkpoint). */
export async function writeDuckdbFile(file: string, statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file)
  const connection = await instance.connect()
  try {
    for (const statement of statements) await connection.run(statement)
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

/** DuckDB for the driver tests: database files in a temp dir, written with the node API here. */
export function duckdbHarness(): DuckdbHarness {
  let dir: string | null = null
  const tempDir = async () => (dir ??= await mkdtemp(join(tmpdir(), 'quarry-duckdb-')))

  return {
    engine: 'duckdb',
    tempDir,
    fixtures: duckdbFixtures,
    driver: () => createDuckdbDriver({ hostScript: inject('duckdbHostScript') }),
    async createDatabase(label, statements) {
      const file = join(await tempDir(), `${label}.duckdb`)
      await writeDuckdbFile(file, statements)
      return { options: { engine: 'duckdb', file }, name: label, schema: 'main' }
    },
    async unreachable() {
      const base = await tempDir()
      const text = join(base, 'not-a-database.duckdb')
      await writeFile(text, 'This is a text file, long enough to be read as a database header. '.repeat(200))
      return {
        'missing file (read-only)': { engine: 'duckdb', file: join(base, 'missing.duckdb'), readOnly: true },
        'missing directory': { engine: 'duckdb', file: join(base, 'no-such-dir', 'x.duckdb') },
        'not a database': { engine: 'duckdb', file: text },
      }
    },
    // Rows the host handed to main. DuckDB itself is read in whole chunks of up to 2048 rows
    // (rowsFetched), which duckdb/duckdb-streaming.test.ts bounds on its own.
    async rowsProduced(connection) {
      return (await asDuckdb(connection).diagnostics()).stats.rowsDelivered
    },
    async killRunningQuery(connection) {
      const { pid } = await asDuckdb(connection).diagnostics()
      if (pid === undefined) throw new Error('the DuckDB host has no pid')
      process.kill(pid, 'SIGKILL')
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true })
      dir = null
    },
  }
}
