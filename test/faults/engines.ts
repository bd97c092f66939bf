import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { inject } from 'vitest'
import { createAppServices } from '../../src/main/app-services'
import type { AppServices } from '../../src/main/app-services'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import type { ConnectionProfile } from '../../src/shared/contract'
import { killableMariadb, killablePostgres } from './fault-servers'
import type { KillableServer } from './fault-servers'

/** What the fault and load tests need to know about a server engine. */
export interface FaultEngine {
  label: 'postgres' | 'mariadb'
  /** The shared throwaway server of the run, or null (with why). */
  sharedUrl: string | null
  skipReason: string
  killable(): Promise<KillableServer | null>
  /** A result of `rows` rows, streamed by the server as it goes. */
  rowsSql(rows: number): string
  sleepSql(seconds: number): string
  /** Client sessions of the test user on the server (the asking session excluded). */
  sessions(url: string): Promise<number>
  /** Statements matching `like` running right now. */
  running(url: string, like: string): Promise<number>
}

async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function withMysql<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url)
  try {
    return await work(connection)
  } finally {
    await connection.end()
  }
}

export const FAULT_ENGINES: FaultEngine[] = [
  {
    label: 'postgres',
    sharedUrl: inject('postgresUrl'),
    skipReason: 'no PostgreSQL server for this run (see the postgres setup line)',
    killable: killablePostgres,
    rowsSql: (rows) => `SELECT g AS n, md5(g::text) AS h FROM generate_series(1, ${rows}) AS g`,
    sleepSql: (seconds) => `SELECT pg_sleep(${seconds})`,
    sessions: (url) =>
      withPg(url, async (c) => {
        const r = await c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
        )
        return r.rows[0].n as number
      }),
    running: (url, like) =>
      withPg(url, async (c) => {
        const r = await c.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
          [like],
        )
        return r.rows[0].n as number
      }),
  },
  {
    label: 'mariadb',
    sharedUrl: inject('mysqlServer')?.url ?? null,
    skipReason: 'no MariaDB server for this run (see the mariadb setup line)',
    killable: killableMariadb,
    // The Sequence engine's virtual tables, named in a database that always exists.
    rowsSql: (rows) => `SELECT seq AS n, MD5(seq) AS h FROM mysql.seq_1_to_${rows}`,
    sleepSql: (seconds) => `SELECT SLEEP(${seconds})`,
    sessions: (url) =>
      withMysql(url, async (c) => {
        const [rows] = await c.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER = 'quarry'",
        )
        return Number((rows as Array<{ n: number }>)[0]!.n)
      }),
    running: (url, like) =>
      withMysql(url, async (c) => {
        const [rows] = await c.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND = 'Query' AND INFO LIKE ?",
          [like],
        )
        return Number((rows as Array<{ n: number }>)[0]!.n)
      }),
  },
]

/** A connection profile (and its password) from a server URL, as the dialog's URL field makes it. */
export function profileFromUrl(url: string, name: string, extra: Partial<ConnectionProfile> = {}) {
  const parsed = parseConnectionUrl(url)
  if (!parsed.ok) throw new Error(parsed.error)
  const { warnings: _warnings, password, ...rest } = parsed.value
  return { profile: { name, ...rest, ...extra } as ConnectionProfile, password }
}

/** The real services over a throwaway data dir (saved connections), reopenable over the same dir. */
export function servicesRig() {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-faults-'))
  const open = (): AppServices =>
    createAppServices({
      host: 'browser',
      version: 'faults',
      sampleDb: join(dir, 'no-sample.db'),
      sqliteHostScript: inject('sqliteHostScript'),
      dataDir: join(dir, 'data'),
    })
  return { dir, open, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Polls until `check` holds or the time is up; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
