import type { ChildProcess } from 'node:child_process'
import type { QuarryError } from '../../../shared/contract'
import { QuarryFailure } from '../../../shared/contract'
import type {
  HostMessageOf,
  HostMethodTable,
  HostReadyBase,
  HostRequestOf,
  MethodOf,
  ParamsOf,
  ResultOf,
} from './host-messages'
import type { HostIdentity } from './fork-host'

interface Pending {
  resolve(value: unknown): void
  reject(error: QuarryFailure): void
}

/** Engine facts a host process needs: its name in messages and how it stops. */
export interface HostTraits extends HostIdentity {
  /** How long an idle host may take to close its database and exit before it is killed. */
  shutdownMs: number
  /**
   * What shutdown() does with requests in flight: 'kill' the process (a synchronous engine may be
   * stuck inside one step), or 'reject' them and let the host close anyway (an asynchronous one).
   */
  busyShutdown: 'kill' | 'reject'
}

/**
 * One engine host child process and the requests in flight to it (numbered, answered by id, in any
 * order). The engine-specific part (which requests, how to interrupt) lives in each engine's folder.
 */
export class EngineHostProcess<Methods extends HostMethodTable<Methods>, Ready extends HostReadyBase> {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private exitError: QuarryError | null = null
  private readonly exitListeners = new Set<() => void>()
  private readonly exited: Promise<void>

  protected constructor(
    private readonly child: ChildProcess,
    /** Versions the host reported when it started. */
    readonly info: Ready,
    private readonly traits: HostTraits,
  ) {
    const { label, connectionError } = traits
    child.on('message', (message: HostMessageOf<Ready>) => this.onMessage(message))
    child.on('error', (error) => this.fail(connectionError(`${label} process failed: ${error.message}`)))
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    child.once('exit', (code, signal) =>
      this.fail(connectionError(`${label} process exited unexpectedly (${signal ?? `code ${code}`})`)),
    )
    // An idle host must not keep the parent's event loop alive; requests ref the channel again.
    child.unref()
    child.channel?.unref()
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

  request<M extends MethodOf<Methods>>(method: M, params: ParamsOf<Methods, M>): Promise<ResultOf<Methods, M>> {
    if (this.exitError) return Promise.reject(new QuarryFailure(this.exitError))
    const id = this.nextId++
    const { label, connectionError } = this.traits
    return new Promise<ResultOf<Methods, M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.child.channel?.ref()
      this.child.send({ id, method, params } as HostRequestOf<Methods>, (error) => {
        if (error) this.fail(connectionError(`Cannot reach the ${label}: ${error.message}`))
      })
    })
  }

  /** Kills the process now; everything in flight fails with `reason`. */
  kill(reason: QuarryError): void {
    this.fail(reason)
  }

  /** Lets the host close its database and exit; kills it if it does not in time (see busyShutdown). */
  async shutdown(reason: QuarryError): Promise<void> {
    if (!this.alive) return
    if (this.busy && this.traits.busyShutdown === 'kill') return this.kill(reason)
    this.exitError = reason
    this.rejectPending(reason)
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.traits.shutdownMs)
    await this.exited
    clearTimeout(timer)
    this.notifyExit()
  }

  /** Calls `listener` once when the host is gone (killed, crashed or shut down). */
  onExit(listener: () => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }

  /** Sends `open` and kills the host if the database cannot be opened. */
  protected async openWith(open: () => Promise<unknown>): Promise<void> {
    try {
      await open()
    } catch (error) {
      this.kill(this.traits.connectionError(`${this.traits.label} could not open the database`))
      throw error
    }
  }

  private onMessage(message: HostMessageOf<Ready>): void {
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
    this.rejectPending(error)
    this.notifyExit()
  }

  private rejectPending(error: QuarryError): void {
    const failure = new QuarryFailure(error)
    for (const pending of this.pending.values()) pending.reject(failure)
    this.pending.clear()
  }

  private notifyExit(): void {
    const listeners = [...this.exitListeners]
    this.exitListeners.clear()
    for (const listener of listeners) listener()
  }
}
