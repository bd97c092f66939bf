import { randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import { describe, inject, it } from 'vitest'
import type { ConnectionOptions, DriverConnection } from '../../src/main/drivers/driver'
import type { MysqlConnection } from '../../src/main/drivers/mysql/mysql-connection'
import { createMysqlDriver } from '../../src/main/drivers/mysql/mysql-driver'
import type { MysqlTestServer } from '../setup/mariadb-server'
import type { EngineHarness } from './engine-harness'
import { mariadbFixtures } from './mariadb-fixtures'
import { freePort } from './mariadb-server'

const asMysql = (connection: DriverConnection) => connection as MysqlConnection

/** The MySQL/MariaDB harness, plus what the mysql-only tests need. */
export interface MariadbHarness extends EngineHarness {
  readonly server: MysqlTestServer
  /** Options reaching the test server as the test user, in `database` if given. */
  options(database?: string): ConnectionOptions
  /** host:port: the name the driver gives the server's one database entry. */
  readonly serverName: string
  /** A connection of the harness's own (not the driver's), for setup and for watching the server. */
  admin(): Promise<mysql.Connection>
}

/** The test server (from the global setup), or null when the mysql tests are not run. */
export const mysqlTestServer = (): MysqlTestServer | null => inject('mysqlServer')

/** The harnesses of the driver tests' engine list: one, or none without a server. */
export const mariadbHarnesses = (): (() => EngineHarness)[] => (mysqlTestServer() ? [mariadbHarness] : [])

/** A describe block for mysql-only tests, given the harness; skipped (and saying so) without a server. */
export function describeMysql(name: string, body: (harness: MariadbHarness) => void): void {
  if (mysqlTestServer()) describe(name, () => body(mariadbHarness()))
  else describe.skip(name, () => it('needs a MySQL/MariaDB server (see the [mysql tests] line)', () => {}))
}

/** MySQL/MariaDB for the driver tests: a fresh database per label on the run's test server. */
export function mariadbHarness(): MariadbHarness {
  const server = mysqlTestServer()
  if (!server) throw new Error('No MySQL/MariaDB test server (see the global setup)')
  const url = new URL(server.url)
  const base: ConnectionOptions = {
    engine: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  }
  const created: string[] = []
  let adminConnection: Promise<mysql.Connection> | null = null
  const admin = () => (adminConnection ??= mysql.createConnection({ uri: server.url, multipleStatements: true }))
  const options = (database?: string): ConnectionOptions => ({ ...base, ...(database ? { database } : {}) })
  const serverName = `${base.host}:${base.port}`

  const threadsOf = (connection: DriverConnection, role: string) =>
    asMysql(connection)
      .diagnostics()
      .filter((session) => session.role === role)
      .map((session) => session.threadId)

  return {
    engine: 'mysql',
    server,
    serverName,
    options,
    admin,
    fixtures: mariadbFixtures(server.flavor),
    driver: () => createMysqlDriver(),
    async createDatabase(label, statements) {
      const name = `quarry_${label}_${randomBytes(3).toString('hex')}`.toLowerCase()
      const db = await admin()
      await db.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`)
      created.push(name)
      await db.query(`USE \`${name}\``)
      for (const statement of statements) await db.query(statement)
      // Row counts are the server's estimates: refresh them, as a real server does in the background.
      const [tables] = await db.query<mysql.RowDataPacket[]>(
        "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
        [name],
      )
      if (tables.length) await db.query(`ANALYZE TABLE ${tables.map((t) => `\`${t.name}\``).join(', ')}`)
      return { options: options(name), name: serverName, schema: name }
    },
    async unreachable() {
      return {
        'nothing listening on the port': { ...base, port: await freePort() },
        'unknown database': options('quarry_no_such_database'),
      }
    },
    async rowsProduced(connection) {
      return asMysql(connection).stats.rowsRead
    },
    async killRunningQuery(connection) {
      const threads = threadsOf(connection, 'query')
      const db = await admin()
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND ID IN (?)",
        [threads.length ? threads : [-1]],
      )
      if (rows.length !== 1) throw new Error(`expected one running query session, found ${rows.length}`)
      await db.query(`KILL CONNECTION ${Number(rows[0]!.id)}`)
    },
    async cleanup() {
      if (!adminConnection) return
      const db = await adminConnection
      // A throwaway server is deleted whole after the run (dropping 10,000 tables takes long).
      const dropped = created.splice(0)
      if (!server.throwaway) for (const name of dropped) await db.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await db.end()
      adminConnection = null
    },
  }
}
