import { createServer } from 'node:net'
import type { Server } from 'node:net'
import mssql from 'mssql'
import { inject } from 'vitest'
import type { ConnectionOptions } from '../../src/main/drivers/driver'
import type { MssqlConnection } from '../../src/main/drivers/mssql/mssql-connection'
import { createMssqlDriver } from '../../src/main/drivers/mssql/mssql-driver'
import { resolveTarget } from '../../src/main/drivers/mssql/mssql-options'
import { parseConnectionUrl } from '../../src/shared/connection-url'
import type { EngineHarness } from './engine-harness'
import { mssqlFixtures } from './mssql-fixtures'
import { freePort } from './postgres-server'

/** The server the tests use (QUARRY_TEST_MSSQL_URL, see test/setup/mssql-server.ts), or null. */
export const mssqlUrl = (): string | null => inject('mssqlUrl')

/** Connection options for a sqlserver:// or mssql:// URL, read by Quarry's own URL parser. */
export function optionsFromUrl(url: string): ConnectionOptions {
  const parsed = parseConnectionUrl(url)
  if (!parsed.ok) throw new Error(`QUARRY_TEST_MSSQL_URL: ${parsed.error}`)
  const { host, port, user, password, database, mssql: settings } = parsed.value
  return {
    engine: 'mssql',
    host: host ?? 'localhost',
    ...(port ? { port } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    ...(database ? { database } : {}),
    ...(settings ? { mssql: settings } : {}),
  }
}

/** A plain mssql pool on a database of the test server, for setup and for watching from outside the driver. */
async function adminPool(options: ConnectionOptions, database?: string): Promise<mssql.ConnectionPool> {
  const config = resolveTarget({ ...options, database }).config(database ?? '', [])
  const pool = new mssql.ConnectionPool({ ...config, pool: { max: 2 } })
  pool.on('error', () => {})
  return pool.connect()
}

/** Database names come from this file, never from input; brackets doubled all the same. */
const bracket = (name: string) => `[${name.replaceAll(']', ']]')}]`

let counter = 0

/** SQL Server for the driver tests: a fresh database per createDatabase on the server of QUARRY_TEST_MSSQL_URL. */
export function mssqlHarness(): EngineHarness {
  let options: ConnectionOptions | null = null
  const baseOptions = (): ConnectionOptions => {
    const url = mssqlUrl()
    if (!url) throw new Error('No SQL Server for the tests: set QUARRY_TEST_MSSQL_URL')
    return (options ??= optionsFromUrl(url))
  }
  const created: string[] = []
  const servers: Server[] = []
  let admin: Promise<mssql.ConnectionPool> | null = null
  const adminOnce = () => (admin ??= adminPool(baseOptions()))

  return {
    engine: 'mssql',
    fixtures: mssqlFixtures,
    driver: () => createMssqlDriver(),
    async createDatabase(label, statements) {
      const name = `quarry_${label.replace(/\W/g, '_')}_${process.pid}_${++counter}`
      await (await adminOnce()).request().batch(`CREATE DATABASE ${bracket(name)}`)
      // Readers see the last committed rows instead of waiting on a tab's open transaction, as
      // PostgreSQL's and MySQL's readers do (Azure SQL's default): tab-sessions.test.ts reads the
      // table from the pool while a tab holds an uncommitted UPDATE.
      await (await adminOnce()).request().batch(`ALTER DATABASE ${bracket(name)} SET READ_COMMITTED_SNAPSHOT ON`)
      created.push(name)
      const pool = await adminPool(baseOptions(), name)
      try {
        // Each fixture string is its own batch (CREATE VIEW must be alone in one).
        for (const statement of statements) await pool.request().batch(statement)
      } finally {
        await pool.close()
      }
      return { options: { ...baseOptions(), database: name }, name, schema: 'dbo' }
    },
    async unreachable() {
      // Accepts connections and closes them at once: something that is not a SQL Server.
      const closer = createServer((socket) => socket.destroy())
      servers.push(closer)
      await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve))
      const closerPort = (closer.address() as { port: number }).port
      const base = baseOptions()
      return {
        'refused port': { ...base, host: '127.0.0.1', port: await freePort(), mssql: {} },
        'unknown database': { ...base, database: 'quarry_no_such_database' },
        'not a SQL Server': { ...base, host: '127.0.0.1', port: closerPort, connectTimeoutMs: 3_000, mssql: {} },
      }
    },
    async rowsProduced(connection) {
      return (connection as MssqlConnection).rowsFetched
    },
    async killRunningQuery(connection) {
      const spids = (await (connection as MssqlConnection).sessions())
        .filter((s) => s.role === 'query')
        .map((s) => s.spid)
      // sys.dm_exec_requests: the query session that is running a request right now.
      const running = await (
        await adminOnce()
      )
        .request()
        .query<{ spid: number }>(
          `SELECT session_id AS spid FROM sys.dm_exec_requests WHERE session_id IN (${spids.map(Number).join(',') || 'NULL'})`,
        )
      if (running.recordset.length !== 1)
        throw new Error(`expected one running query session, found ${running.recordset.length}`)
      // KILL takes no parameters; the id is an integer the server reported.
      await (await adminOnce()).request().batch(`KILL ${Number(running.recordset[0]!.spid)}`)
    },
    async cleanup() {
      for (const server of servers.splice(0)) server.close()
      if (!admin) return
      const pool = await admin
      admin = null
      for (const name of created.splice(0)) {
        await pool
          .request()
          .batch(
            `ALTER DATABASE ${bracket(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${bracket(name)}`,
          )
          .catch(() => {})
      }
      await pool.close()
    },
  }
}

/** The SQL Server harness for the engine list, when QUARRY_TEST_MSSQL_URL names a server (else the setup said why). */
export const mssqlEngines = (): (() => EngineHarness)[] => (mssqlUrl() ? [mssqlHarness] : [])
