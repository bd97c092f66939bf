import { QuarryFailure } from '../../../shared/contract'
import type { HostProcess } from './host-process'
import { cancelledError, sqliteError } from './sqlite-errors'

interface Waiter {
  resolve(host: HostProcess): void
  reject(error: unknown): void
}

const closedError = () => sqliteError('connection', 'Connection is closed')

/**
 * The query hosts of one connection. Each running query holds one host, so a long query never
 * delays another one or a metadata call. Idle hosts are reused (most recently used first, so
 * consecutive queries tend to share a session); new ones are spawned up to `cap`; further
 * queries wait. When a host dies (killed to cancel a stuck step, or crashed) a replacement is
 * started at once if none is idle or starting, so the next query does not wait for a spawn.
 */
export class HostPool {
  private readonly hosts = new Set<HostProcess>()
  private readonly idle: HostProcess[] = []
  private readonly waiters: Waiter[] = []
  /** Hosts starting or alive; never more than cap. */
  private size = 0
  /** Hosts starting that no caller is waiting on yet (warm spares). */
  private warming = 0
  private closed = false

  constructor(
    private readonly spawn: () => Promise<HostProcess>,
    private readonly cap: number,
  ) {}

  /** A host for one query: idle, fresh, or the next one released. Aborting `signal` gives up. */
  async acquire(signal: AbortSignal): Promise<HostProcess> {
    if (this.closed) throw new QuarryFailure(closedError())
    if (signal.aborted) throw new QuarryFailure(cancelledError())
    const idle = this.idle.pop()
    if (idle) return idle
    if (this.warming > this.waiters.length || this.size >= this.cap) return this.wait(signal)
    this.size++
    let host: HostProcess
    try {
      host = await this.spawn()
    } catch (error) {
      this.size--
      throw error
    }
    this.adopt(host)
    if (this.closed) {
      void host.shutdown(closedError())
      throw new QuarryFailure(closedError())
    }
    if (signal.aborted) {
      this.release(host)
      throw new QuarryFailure(cancelledError())
    }
    return host
  }

  /** Hands a host back: to the next waiter, or to the idle list. Dead hosts are dropped. */
  release(host: HostProcess): void {
    if (!host.alive || !this.hosts.has(host)) return
    if (this.closed) return void host.shutdown(closedError())
    const waiter = this.waiters.shift()
    if (waiter) waiter.resolve(host)
    else this.idle.push(host)
  }

  /**
   * Starts a spare host now if none is idle or starting: called when a host is about to be killed,
   * so its replacement boots during the cancel's grace period instead of after it.
   */
  prepareSpare(): void {
    if (!this.closed && this.idle.length === 0 && this.warming === 0 && this.size < this.cap) this.warmSpare()
  }

  /** Live hosts, for diagnostics. */
  all(): HostProcess[] {
    return [...this.hosts]
  }

  async close(): Promise<void> {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter.reject(new QuarryFailure(closedError()))
    this.idle.length = 0
    await Promise.all([...this.hosts].map((host) => host.shutdown(closedError())))
  }

  private wait(signal: AbortSignal): Promise<HostProcess> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(new QuarryFailure(cancelledError()))
      }
      const waiter: Waiter = {
        resolve: (host) => (signal.removeEventListener('abort', onAbort), resolve(host)),
        reject: (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
    })
  }

  private adopt(host: HostProcess): void {
    this.hosts.add(host)
    host.onExit(() => this.forget(host))
  }

  private forget(host: HostProcess): void {
    this.hosts.delete(host)
    const index = this.idle.indexOf(host)
    if (index !== -1) this.idle.splice(index, 1)
    this.size--
    this.prepareSpare()
  }

  private warmSpare(): void {
    this.size++
    this.warming++
    this.spawn().then(
      (host) => {
        this.warming--
        this.adopt(host)
        this.release(host)
      },
      (error: unknown) => {
        this.warming--
        this.size--
        this.waiters.shift()?.reject(error)
      },
    )
  }
}
