import mysql from 'mysql2/promise'
import type { TestProject } from 'vitest/node'
import { missingBinaries, startMariadbServer } from '../helpers/mariadb-server'

/** The MySQL or MariaDB server the mysql driver tests run against. */
export interface MysqlTestServer {
  /** mysql://user:password@host:port of an account that may create databases and kill its own queries. */
  url: string
  version: string
  flavor: 'mariadb' | 'mysql'
  /** Started for this run and deleted after it: what tests create needs no dropping. */
  throwaway: boolean
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Null when no server could be had: the mysql tests are then not run (and say why). */
    mysqlServer: MysqlTestServer | null
  }
}

async function describe(url: string, throwaway: boolean): Promise<MysqlTestServer> {
  const connection = await mysql.createConnection(url)
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version')
    const version = String(rows[0]?.version)
    return { url, version, flavor: /mariadb/i.test(version) ? 'mariadb' : 'mysql', throwaway }
  } finally {
    await connection.end()
  }
}

/**
 * One server per test run: QUARRY_TEST_MYSQL_URL's if set (MySQL 8, a managed server…), else a
 * throwaway MariaDB started from the local binaries. With neither, the mysql tests are not run:
 * this says so in one line, and fails the run when CI=true.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.QUARRY_TEST_MYSQL_URL
  if (url) {
    const server = await describe(url, false)
    console.log(`[mysql tests] using QUARRY_TEST_MYSQL_URL: ${server.flavor} ${server.version}`)
    project.provide('mysqlServer', server)
    return undefined
  }
  const missing = missingBinaries()
  if (missing) {
    const reason = `[mysql tests] NOT RUN: ${missing} and QUARRY_TEST_MYSQL_URL is not set`
    if (process.env.CI === 'true') throw new Error(reason)
    console.log(reason)
    project.provide('mysqlServer', null)
    return undefined
  }
  const started = performance.now()
  const local = await startMariadbServer()
  const server = await describe(local.url, true)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`[mysql tests] started ${server.flavor} ${server.version} on port ${local.port} in ${seconds} s`)
  project.provide('mysqlServer', server)
  return () => local.stop()
}
