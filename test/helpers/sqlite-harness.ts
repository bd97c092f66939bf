import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { inject } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { SqliteConnection } from '../../src/main/drivers/sqlite/sqlite-connection'
import { createSqliteDriver } from '../../src/main/drivers/sqlite/sqlite-driver'
import type { EngineHarness } from './engine-harness'
import { sqliteFixtures } from './sqlite-fixtures'

const asSqlite = (connection: DriverConnection) => connection as SqliteConnection

/** The SQLite harness, plus what SQLite-only tests need. */
export interface SqliteHarness extends EngineHarness {
  /** The temp dir holding this harness's database files. */
  tempDir(): Promise<string>
}

/** SQLite for the driver tests: database files in a temp dir, written by better-sqlite3 here. */
export function sqliteHarness(): SqliteHarness {
  let dir: string | null = null
  const tempDir = async () => (dir ??= await mkdtemp(join(tmpdir(), 'quarry-sqlite-')))

  return {
    engine: 'sqlite',
    tempDir,
    fixtures: sqliteFixtures,
    driver: () => createSqliteDriver({ hostScript: inject('sqliteHostScript') }),
    async createDatabase(label, statements) {
      const file = join(await tempDir(), `${label}.db`)
      const db = new Database(file)
      for (const statement of statements) db.exec(statement)
      db.close()
      return { options: { engine: 'sqlite', file }, name: label, schema: 'main' }
    },
    async unreachable() {
      const base = await tempDir()
      const text = join(base, 'not-a-database.db')
      await writeFile(text, 'This is a text file, long enough to be read as a database header. '.repeat(20))
      return {
        'missing file (read-only)': { engine: 'sqlite', file: join(base, 'missing.db'), readOnly: true },
        'missing directory': { engine: 'sqlite', file: join(base, 'no-such-dir', 'x.db') },
        'not a database': { engine: 'sqlite', file: text },
      }
    },
    async rowsProduced(connection) {
      const hosts = await asSqlite(connection).diagnostics()
      return hosts.reduce((sum, host) => sum + (host.role === 'query' ? (host.stats?.rowsRead ?? 0) : 0), 0)
    },
    async killRunningQuery(connection) {
      const hosts = await asSqlite(connection).diagnostics()
      const running = hosts.filter((host) => host.role === 'query' && host.busy)
      if (running.length !== 1 || running[0]?.pid === undefined)
        throw new Error(`expected one busy query host, found ${running.length}`)
      process.kill(running[0].pid, 'SIGKILL')
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true })
      dir = null
    },
  }
}
