import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The superuser of a throwaway server; it logs in over TCP with this password (SCRAM). */
export const TEST_USER = 'quarry'
export const TEST_PASSWORD = 'quarry-test-password'

/** A PostgreSQL server started for one test run. */
export interface ThrowawayServer {
  /** postgres://user:password@127.0.0.1:port/postgres */
  url: string
  port: number
  /** Holds the data directory, the Unix socket and the server log. */
  dir: string
  stop(): Promise<void>
}

/** The newest installed server binaries (Debian's /usr/lib/postgresql/<major>/bin), or null. */
export function findPostgresBinaries(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const majors = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')) && existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return majors[0] ? join(root, majors[0], 'bin') : null
}

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

// initdb and postgres refuse to run as root: then they run as the postgres OS user.
const asRoot = process.getuid?.() === 0

function command(bin: string, tool: string, args: string[]): [string, string[]] {
  const path = join(bin, tool)
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args]
}

async function exec(bin: string, tool: string, args: string[]): Promise<void> {
  const [file, argv] = command(bin, tool, args)
  try {
    await run(file, argv, { timeout: 60_000 })
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string }
    throw new Error(`${tool} failed: ${(stderr || stdout || String(error)).trim()}`)
  }
}

/**
 * Starts a throwaway server: initdb into a fresh temp dir (SCRAM passwords over TCP, trust on the
 * Unix socket in that dir), listening on 127.0.0.1 on a free port, durability off for speed.
 * `stop()` shuts it down and removes the directory.
 */
export async function startThrowawayServer(
  bin: string,
  extraOptions: readonly string[] = [],
): Promise<ThrowawayServer> {
  const dir = await mkdtemp(join(tmpdir(), 'quarry-pg-'))
  const data = join(dir, 'data')
  const passwordFile = join(dir, 'password')
  await writeFile(passwordFile, `${TEST_PASSWORD}\n`)
  if (asRoot) {
    await chown(dir, postgresUid(), postgresGid())
    await chown(passwordFile, postgresUid(), postgresGid())
  }
  await chmod(dir, 0o700)
  await exec(bin, 'initdb', [
    '-D',
    data,
    '-U',
    TEST_USER,
    `--pwfile=${passwordFile}`,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ])
  let port = 0
  for (let attempt = 0; ; attempt++) {
    port = await freePort()
    const options = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      // Many test databases come and go; checkpoints between them are wasted work.
      '-c checkpoint_timeout=1h',
      "-c timezone='UTC'",
      ...extraOptions,
    ].join(' ')
    try {
      await exec(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'])
      break
    } catch (error) {
      // Another process may have taken the port between our probe and the server's bind.
      const log = await readFile(join(dir, 'server.log'), 'utf8').catch(() => '')
      if (attempt >= 3 || !/could not (bind|create listen)/i.test(log)) throw error
    }
  }
  const url = `postgres://${TEST_USER}:${encodeURIComponent(TEST_PASSWORD)}@127.0.0.1:${port}/postgres`
  // If the test process exits without stopping it (a crash, an interrupted run), it still goes.
  const stopAtExit = () => {
    try {
      const [file, argv] = command(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      execFileSync(file, argv, { stdio: 'ignore', timeout: 30_000 })
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', stopAtExit)
  return {
    url,
    port,
    dir,
    async stop() {
      process.removeListener('exit', stopAtExit)
      try {
        await exec(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}

let ids: { uid: number; gid: number } | null = null

function postgresIds(): { uid: number; gid: number } {
  if (ids) return ids
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) throw new Error('Running as root, but there is no postgres OS user to run the server as')
  const [, , uid, gid] = line.split(':')
  ids = { uid: Number(uid), gid: Number(gid) }
  return ids
}
export const postgresUid = () => postgresIds().uid
export const postgresGid = () => postgresIds().gid
