import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import { duckdbError } from './duckdb-errors'
import type {
  HostMessage,
  HostMethod,
  HostParams,
  HostReady,
  HostRequest,
  HostResult,
  OpenParams,
} from './duckdb-protocol'

interface Pending {
  resolve(value: unknown): void
  reject(error: QuarryFailure): void
}

const STARTUP_TIMEOUT_MS = 15_000
const SHUTDOWN_TIMEOUT_MS = 2_000
/** DuckDB's async calls each hold a libuv worker while they run: room for many at once. */
const WORKER_THREADS = '16'

const connectionError = (message: string): QuarryError => duckdbError('connection', message)

/**
 * One DuckDB host child process and the requests in flight to it. Unlike SQLite's host it answers
 * requests concurrently (DuckDB's API is asynchronous), so one host serves a whole connection:
 * DuckDB allows one process per database file anyway.
 */
export class DuckdbHostProcess {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private exitError: QuarryError | null = null
  private readonly exitListeners = new Set<() => void>()
  private readonly exited: Promise<void>

  private constructor(
    private readonly child: ChildProcess,
    /** Versions the host reported when it started. */
    readonly info: HostReady,
  ) {
    child.on('message', (message: HostMessage) => this.onMessage(message))
    child.on('error', (error) => this.fail(connectionError(`DuckDB host process failed: ${error.message}`)))
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    child.once('exit', (code, signal) =>
      this.fail(connectionError(`DuckDB host process exited unexpectedly (${signal ?? `code ${code}`})`)),
    )
    // An idle host must not keep the parent's event loop alive; requests ref the channel again.
    child.unref()
    child.channel?.unref()
  }

  /** Forks a host, waits until it listens, and opens the database in it. */
  static async start(script: string, open: OpenParams): Promise<DuckdbHostProcess> {
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
      env: { ...process.env, UV_THREADPOOL_SIZE: WORKER_THREADS },
    })
    const host = new DuckdbHostProcess(child, await waitForReady(child))
    try {
      await host.request('open', open)
    } catch (error) {
      host.kill(connectionError('DuckDB host could not open the database'))
      throw error
    }
    return host
  }

  get alive(): boolean {
    return this.exitError === null
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (this.exitError) return Promise.reject(new QuarryFailure(this.exitError))
    const id = this.nextId++
    return new Promise<HostResult<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.child.channel?.ref()
      this.child.send({ id, method, params } as HostRequest, (error) => {
        if (error) this.fail(connectionError(`Cannot reach the DuckDB host: ${error.message}`))
      })
    })
  }

  /** Kills the process now; everything in flight fails with `reason`. */
  kill(reason: QuarryError): void {
    this.fail(reason)
  }

  /** Lets the host close its database (a checkpoint) and exit; kills it if it does not in time. */
  async shutdown(reason: QuarryError): Promise<void> {
    if (!this.alive) return
    this.exitError = reason
    const failure = new QuarryFailure(reason)
    for (const pending of this.pending.values()) pending.reject(failure)
    this.pending.clear()
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS)
    await this.exited
    clearTimeout(timer)
    this.notifyExit()
  }

  /** Calls `listener` once when the host is gone (killed, crashed or shut down). */
  onExit(listener: () => void): void {
    this.exitListeners.add(listener)
  }

  private onMessage(message: HostMessage): void {
    if (message.type !== 'response') return
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    if (this.pending.size === 0) this.child.channel?.unref()
    if (message.ok) pending.resolve(message.value)
    else pending.reject(new QuarryFailure(message.error))
  }

  private fail(error: QuarryError): void {
    if (this.exitError) return
    this.exitError = error
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    const failure = new QuarryFailure(error)
    for (const pending of this.pending.values()) pending.reject(failure)
    this.pending.clear()
    this.notifyExit()
  }

  private notifyExit(): void {
    const listeners = [...this.exitListeners]
    this.exitListeners.clear()
    for (const listener of listeners) listener()
  }
}

/** Resolves with the host's ready message; fails if it exits, errors or stays silent first. */
function waitForReady(child: ChildProcess): Promise<HostReady> {
  return new Promise((resolve, reject) => {
    const settle = (error: QuarryError | null, ready?: HostReady): void => {
      clearTimeout(timer)
      child.off('message', onMessage).off('exit', onExit).off('error', onError)
      if (error) {
        child.kill('SIGKILL')
        reject(new QuarryFailure(error))
      } else resolve(ready!)
    }
    const onMessage = (message: HostMessage): void => {
      if (message.type === 'ready') settle(null, message)
    }
    const onExit = (code: number | null, signal: string | null): void =>
      settle(connectionError(`DuckDB host process exited while starting (${signal ?? `code ${code}`})`))
    const onError = (error: Error): void => settle(connectionError(`Cannot start the DuckDB host: ${error.message}`))
    const timer = setTimeout(
      () => settle(connectionError(`DuckDB host did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    )
    child.on('message', onMessage).on('exit', onExit).on('error', onError)
  })
}
