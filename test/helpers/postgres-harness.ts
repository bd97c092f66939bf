import { createServer } from 'node:net'
import type { Server } from 'node:net'
import pg from 'pg'
import { inject } from 'vitest'
import type { ConnectionOptions, DriverConnection } from '../../src/main/drivers/driver'
import type { PostgresConnection } from '../../src/main/drivers/postgres/postgres-connection'
import { createPostgresDriver } from '../../src/main/drivers/postgres/postgres-driver'
import type { SslMode } from '../../src/shared/contract'
import type { EngineHarness } from './engine-harness'
import { postgresFixtures } from './postgres-fixtures'
import { freePort } from './postgres-server'

const asPostgres = (connection: DriverConnection) => connection as PostgresConnection

/** The server the tests use (see test/setup/postgres-server.ts), or null when there is none. */
export const postgresUrl = (): string | null => inject('postgresUrl')

/** Connection options for a postgres:// URL (its sslmode parameter included; default prefer). */
export function optionsFromUrl(url: string): ConnectionOptions {
  const parsed = new URL(url)
  const mode = (parsed.searchParams.get('sslmode') ?? 'prefer') as SslMode
  return {
    engine: 'postgres',
    host: decodeURIComponent(parsed.hostname) || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    ssl: { mode },
  }
}

/**
 * A plain pg client on one database of the test server, for setup and for watching the server
 * from outside the driver (pg_stat_activity). TLS as the URL asks, plain when the server has none.
 */
export async function adminClient(options: ConnectionOptions, database = options.database): Promise<pg.Client> {
  const mode = options.ssl?.mode ?? 'prefer'
  const tls = mode === 'disable' ? [false] : mode === 'prefer' ? [{ rejectUnauthorized: false }, false] : [{}]
  for (const [i, ssl] of tls.entries()) {
    const client = new pg.Client({ ...options, database, ssl, application_name: 'quarry-tests' } as pg.ClientConfig)
    client.on('error', () => {})
    try {
      await client.connect()
      return client
    } catch (error) {
      if (i === tls.length - 1 || !/SSL/i.test(String(error))) throw error
    }
  }
  throw new Error('unreachable')
}

/** The PostgreSQL harness, plus what PostgreSQL-only tests need. */
export interface PostgresHarness extends EngineHarness {
  /** Options reaching the test server's default database. */
  serverOptions(): ConnectionOptions
  /** An admin client on the server's default database (closed by cleanup). */
  admin(): Promise<pg.Client>
}

let counter = 0

/** PostgreSQL for the driver tests: a fresh database per createDatabase on the test server. */
export function postgresHarness(): PostgresHarness {
  // Read when first used, so a suite that is skipped for want of a server can still be declared.
  let options: ConnectionOptions | null = null
  const baseOptions = (): ConnectionOptions => {
    const url = postgresUrl()
    if (!url) throw new Error('No PostgreSQL server for the tests (see test/setup/postgres-server.ts)')
    return (options ??= optionsFromUrl(url))
  }
  const created: string[] = []
  const servers: Server[] = []
  let admin: Promise<pg.Client> | null = null
  const adminOnce = () => (admin ??= adminClient(baseOptions()))

  return {
    engine: 'postgres',
    fixtures: postgresFixtures,
    driver: () => createPostgresDriver(),
    serverOptions: baseOptions,
    admin: adminOnce,
    async createDatabase(label, statements) {
      const name = `quarry_${label.replace(/\W/g, '_')}_${process.pid}_${++counter}`.slice(0, 63)
      await (await adminOnce()).query(`CREATE DATABASE "${name}"`)
      created.push(name)
      const client = await adminClient(baseOptions(), name)
      try {
        for (const statement of statements) await client.query(statement)
      } finally {
        await client.end()
      }
      return { options: { ...baseOptions(), database: name }, name, schema: 'public' }
    },
    async unreachable() {
      // Accepts connections and closes them at once: something that is not a PostgreSQL server.
      const closer = createServer((socket) => socket.destroy())
      servers.push(closer)
      await new Promise<void>((resolve) => closer.listen(0, '127.0.0.1', resolve))
      const closerPort = (closer.address() as { port: number }).port
      const base = baseOptions()
      return {
        'refused port': { ...base, host: '127.0.0.1', port: await freePort() },
        'unknown database': { ...base, database: 'quarry_no_such_database' },
        'not a PostgreSQL server': { ...base, host: '127.0.0.1', port: closerPort },
      }
    },
    async rowsProduced(connection) {
      return (await asPostgres(connection).diagnostics()).rowsFetched
    },
    async killRunningQuery(connection) {
      const pids = (await asPostgres(connection).diagnostics()).sessions
        .filter((s) => s.role === 'query' && s.busy)
        .map((s) => s.pid)
      const { rows } = await (
        await adminOnce()
      ).query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state = 'active'", [
        pids,
      ])
      if (rows.length !== 1) throw new Error(`expected one running query session, found ${rows.length}`)
      await (await adminOnce()).query('SELECT pg_terminate_backend($1)', [rows[0]!.pid])
    },
    async cleanup() {
      for (const server of servers.splice(0)) server.close()
      if (!admin) return
      const client = await admin
      admin = null
      for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

/** The PostgreSQL harness for the engine list, when the run has a server (else the setup said why). */
export const postgresEngines = (): (() => EngineHarness)[] => (postgresUrl() ? [postgresHarness] : [])
