import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import { cancelledError, sqliteError } from './sqlite-errors'
import type {
  HostMessage,
  HostMethod,
  HostParams,
  HostReady,
  HostRequest,
  HostResult,
  OpenParams,
} from './sqlite-protocol'

interface Pending {
  resolve(value: unknown): void
  reject(error: QuarryFailure): void
}

const STARTUP_TIMEOUT_MS = 15_000
const SHUTDOWN_TIMEOUT_MS = 1_000

const connectionError = (message: string): QuarryError => sqliteError('connection', message)

/** Host processes alive now, killed when main exits (their watchdogs cover a main killed outright). */
const liveChildren = new Set<ChildProcess>()
let reaperInstalled = false

function track(child: ChildProcess): void {
  if (!reaperInstalled) {
    reaperInstalled = true
    process.once('exit', () => {
      for (const alive of liveChildren) alive.kill('SIGKILL')
    })
  }
  liveChildren.add(child)
  child.once('exit', () => liveChildren.delete(child))
}

/**
 * One SQLite host child process and the requests in flight to it. The host answers requests in
 * order, one at a time; a request that never returns (one endless step) can only be ended by kill().
 */
export class HostProcess {
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
    child.on('error', (error) => this.fail(connectionError(`SQLite host process failed: ${error.message}`)))
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    child.once('exit', (code, signal) =>
      this.fail(connectionError(`SQLite host process exited unexpectedly (${signal ?? `code ${code}`})`)),
    )
    // An idle host must not keep the parent's event loop alive; requests ref the channel again.
    child.unref()
    child.channel?.unref()
  }

  /** Forks a host, waits until it listens, and opens the database in it. */
  static async start(script: string, open: OpenParams): Promise<HostProcess> {
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    })
    track(child)
    const host = new HostProcess(child, await waitForReady(child))
    try {
      await host.request('open', open)
    } catch (error) {
      host.kill(connectionError('SQLite host could not open the database'))
      throw error
    }
    return host
  }

  get alive(): boolean {
    return this.exitError === null
  }

  /** A request is in flight: the host may be inside a step. */
  get busy(): boolean {
    return this.pending.size > 0
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
        if (error) this.fail(connectionError(`Cannot reach the SQLite host: ${error.message}`))
      })
    })
  }

  /**
   * Stops whatever the host is doing: asks it to close its cursor (answered at once when it is
   * idle between pulls) and kills it if it has not answered within graceMs (it is stuck inside
   * one step: better-sqlite3 has no sqlite3_interrupt). Resolves whether the host survived.
   */
  async interrupt(graceMs: number): Promise<boolean> {
    if (!this.alive) return false
    let timer: NodeJS.Timeout | undefined
    const closed = this.request('query.close', {}).then(
      () => true,
      () => false,
    )
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))
    const survived = await Promise.race([closed, timedOut])
    clearTimeout(timer)
    if (!survived) this.kill(cancelledError())
    return survived && this.alive
  }

  /** Kills the process now; everything in flight fails with `reason`. */
  kill(reason: QuarryError): void {
    this.fail(reason)
  }

  /** Lets an idle host close its database and exit; kills a busy or unresponsive one. */
  async shutdown(reason: QuarryError): Promise<void> {
    if (!this.alive) return
    if (this.busy) return this.kill(reason)
    this.exitError = reason
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS)
    await this.exited
    clearTimeout(timer)
    this.notifyExit()
  }

  /** Calls `listener` once when the host is gone (killed, crashed or shut down). */
  onExit(listener: () => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
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
      settle(connectionError(`SQLite host process exited while starting (${signal ?? `code ${code}`})`))
    const onError = (error: Error): void => settle(connectionError(`Cannot start the SQLite host: ${error.message}`))
    const timer = setTimeout(
      () => settle(connectionError(`SQLite host did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    )
    child.on('message', onMessage).on('exit', onExit).on('error', onError)
  })
}
