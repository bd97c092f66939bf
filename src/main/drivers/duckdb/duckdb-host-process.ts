import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { EngineHostProcess } from '../engine-host/engine-host-process'
import type { HostTraits } from '../engine-host/engine-host-process'
import { forkHost } from '../engine-host/fork-host'
import { duckdbError } from './duckdb-errors'
import type { HostMethods, HostReady, OpenParams } from './duckdb-protocol'

/** DuckDB's async calls each hold a libuv worker while they run: room for many at once. */
const WORKER_THREADS = '16'

const DUCKDB_HOST: HostTraits = {
  label: 'DuckDB host',
  connectionError: (message: string): QuarryError => duckdbError('connection', message),
  // Closing is a checkpoint: give it time.
  shutdownMs: 2_000,
  // DuckDB's API is asynchronous: requests in flight fail, and the host still closes cleanly.
  busyShutdown: 'reject',
}

/**
 * One DuckDB host child process and the requests in flight to it. Unlike SQLite's host it answers
 * requests concurrently (DuckDB's API is asynchronous), so one host serves a whole connection:
 * DuckDB allows one process per database file anyway.
 */
export class DuckdbHostProcess extends EngineHostProcess<HostMethods, HostReady> {
  private constructor(child: ChildProcess, ready: HostReady) {
    super(child, ready, DUCKDB_HOST)
  }

  /** Forks a host, waits until it listens, and opens the database in it. */
  static async start(script: string, open: OpenParams): Promise<DuckdbHostProcess> {
    const launch = { script, env: { UV_THREADPOOL_SIZE: WORKER_THREADS }, ...DUCKDB_HOST }
    const { child, ready } = await forkHost<HostReady>(launch)
    const host = new DuckdbHostProcess(child, ready)
    await host.openWith(() => host.request('open', open))
    return host
  }
}
