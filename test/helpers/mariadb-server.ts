import { spawn, execFile } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import mysql from 'mysql2/promise'

export const MARIADBD = process.env.QUARRY_MARIADBD ?? '/usr/sbin/mariadbd'
export const INSTALL_DB = process.env.QUARRY_MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db'
/** The dump client the restore test reads dumps from (mysqldump works the same). */
export const MARIADB_DUMP = process.env.QUARRY_MARIADB_DUMP ?? '/usr/bin/mariadb-dump'

/** The account the tests connect as (a password, so a wrong one can be tested). */
export const TEST_USER = 'quarry'
export const TEST_PASSWORD = 'quarry-test-Pw1'

/** A throwaway MariaDB server and how to reach it. */
export interface MariadbServer {
  /** mysql://quarry:…@127.0.0.1:PORT */
  url: string
  port: number
  dir: string
  stop(): Promise<void>
}

/** Why no local server can be started here, or null if it can. */
export function missingBinaries(): string | null {
  const missing = [MARIADBD, INSTALL_DB].filter((path) => !existsSync(path))
  return missing.length ? `${missing.join(' and ')} not found` : null
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

// Small and fast rather than durable: the data lives for one test run.
const SERVER_FLAGS = [
  '--skip-log-bin',
  '--skip-name-resolve',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_general_ci',
  '--innodb-buffer-pool-size=128M',
  '--innodb-log-file-size=16M',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
  // 10,000 tables are created in seconds rather than tens of seconds without a file each.
  '--innodb-file-per-table=0',
  '--max-allowed-packet=64M',
  '--max-connections=300',
]

const asRoot = () => (process.getuid?.() === 0 ? ['--user=root'] : [])

async function waitUntilReady(port: number, child: ChildProcess, errorLog: string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(errorLog, 'utf8').catch(() => '')
      throw new Error(`mariadbd exited with code ${child.exitCode}:\n${log.slice(-2000)}`)
    }
    try {
      const root = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' })
      return void (await root.end())
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/**
 * Starts a MariaDB server in a temp dir (datadir, socket, pid file, error log), on 127.0.0.1 and a
 * free port, with a password-protected test user allowed everything. stop() shuts it down and
 * removes the dir.
 */
export async function startMariadbServer(extraFlags: readonly string[] = []): Promise<MariadbServer> {
  const dir = await mkdtemp(join(tmpdir(), 'quarry-mariadb-'))
  const datadir = join(dir, 'data')
  const errorLog = join(dir, 'error.log')
  const tmp = join(dir, 'tmp')
  await mkdir(tmp)
  const common = ['--no-defaults', `--datadir=${datadir}`, ...asRoot()]
  await promisify(execFile)(INSTALL_DB, [
    ...common,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
    '--innodb-log-file-size=16M',
  ])
  const port = await freePort()
  const child = spawn(
    MARIADBD,
    [
      ...common,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--log-error=${errorLog}`,
      // Its own temporary files: in the shared /tmp, another process's cleanup removed an implicit
      // temporary table's file under a running statement ("Error on delete of '/tmp/#sql-temptable…'").
      `--tmpdir=${tmp}`,
      ...SERVER_FLAGS,
      ...extraFlags,
    ],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      const killed = setTimeout(() => child.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(killed)
    }
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilReady(port, child, errorLog)
    const root = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' })
    await root.query(`CREATE USER '${TEST_USER}'@'%' IDENTIFIED BY '${TEST_PASSWORD}'`)
    await root.query(`GRANT ALL PRIVILEGES ON *.* TO '${TEST_USER}'@'%' WITH GRANT OPTION`)
    await root.end()
  } catch (error) {
    await stop()
    throw error
  }
  const url = `mysql://${TEST_USER}:${encodeURIComponent(TEST_PASSWORD)}@127.0.0.1:${port}`
  return { url, port, dir, stop }
}
