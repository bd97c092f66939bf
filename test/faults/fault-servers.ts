import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import mysql from 'mysql2/promise'
import { findPostgresBinaries, startThrowawayServer } from '../helpers/postgres-server'
import { MARIADBD, missingBinaries, startMariadbServer } from '../helpers/mariadb-server'

const run = promisify(execFile)

/** A dedicated throwaway server a test may kill and start again (the shared one stays untouched). */
export interface KillableServer {
  url: string
  port: number
  /** Kills the server at once (clients see their sockets drop), keeping its data. */
  kill(): Promise<void>
  /** Starts it again on the same port and data. */
  restart(): Promise<void>
  stop(): Promise<void>
}

const asRoot = process.getuid?.() === 0

export async function killablePostgres(): Promise<KillableServer | null> {
  const bin = findPostgresBinaries()
  if (!bin) return null
  const server = await startThrowawayServer(bin)
  const data = join(server.dir, 'data')
  const pgCtl = (args: string[]) => {
    const tool = join(bin, 'pg_ctl')
    return asRoot ? run('runuser', ['-u', 'postgres', '--', tool, ...args]) : run(tool, args)
  }
  const options = `-p ${server.port} -c listen_addresses='127.0.0.1' -c unix_socket_directories='${server.dir}' -c fsync=off`
  return {
    url: server.url,
    port: server.port,
    // Immediate mode: the postmaster SIGQUITs every backend, no clean goodbye to the clients.
    kill: async () => void (await pgCtl(['-D', data, '-m', 'immediate', '-w', 'stop'])),
    restart: async () =>
      void (await pgCtl(['-D', data, '-l', join(server.dir, 'server.log'), '-o', options, '-w', 'start'])),
    // A server left killed by a failed test has nothing to stop: its directory still goes.
    stop: () => server.stop().catch(() => rm(server.dir, { recursive: true, force: true })),
  }
}

export async function killableMariadb(): Promise<KillableServer | null> {
  if (missingBinaries()) return null
  const server = await startMariadbServer()
  const pidFile = join(server.dir, 'mysqld.pid')
  let restarted: ChildProcess | null = null
  const kill = async () => {
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    process.kill(pid, 'SIGKILL')
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0)
        await new Promise((resolve) => setTimeout(resolve, 50))
      } catch {
        return
      }
    }
  }
  return {
    url: server.url,
    port: server.port,
    kill,
    async restart() {
      restarted = spawn(
        MARIADBD,
        [
          '--no-defaults',
          `--datadir=${join(server.dir, 'data')}`,
          ...(asRoot ? ['--user=root'] : []),
          `--port=${server.port}`,
          '--bind-address=127.0.0.1',
          `--socket=${join(server.dir, 'mysqld.sock')}`,
          `--pid-file=${pidFile}`,
          `--log-error=${join(server.dir, 'error.log')}`,
          '--skip-name-resolve',
          '--skip-log-bin',
          '--innodb-log-file-size=16M',
          '--innodb-file-per-table=0',
        ],
        { stdio: 'ignore' },
      )
      const deadline = Date.now() + 60_000
      for (;;) {
        try {
          return void (await (await mysql.createConnection(server.url)).end())
        } catch (error) {
          if (Date.now() > deadline || restarted.exitCode !== null) throw error
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
    },
    async stop() {
      if (restarted && restarted.exitCode === null) {
        const exited = new Promise((resolve) => restarted!.once('exit', resolve))
        restarted.kill('SIGKILL')
        await exited
      }
      await server.stop()
    },
  }
}

/** A port that accepts TCP connections and never says a word (a hung server, a black-hole proxy). */
export async function silentPort(): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let count = 0
  const server = createServer((socket) => {
    count++
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    accepted: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
