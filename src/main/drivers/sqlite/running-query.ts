import { QuarryFailure } from '../../../shared/contract'
import { StopLatch } from '../stop-latch'
import type { HostPool } from './host-pool'
import type { HostProcess } from './host-process'
import { cancelledError } from './sqlite-errors'

/**
 * How long a host may take to acknowledge a cancel before it is killed. It answers within a
 * millisecond when idle between pulls, or after the batch it is reading; no answer means it is
 * inside one long step, which only killing the process can stop.
 */
export const CANCEL_GRACE_MS = 75

const noop = (): void => {}

/** One query in flight: the host it holds, and how to stop it and give the host back. */
export class RunningQuery {
  private host: HostProcess | null = null
  /** The host keeps a cursor open for us between pulls. */
  cursorOpen = false
  private readonly controller = new AbortController()
  private stopping: Promise<void> | null = null
  private readonly latch = new StopLatch()

  constructor(private readonly pool: HostPool) {}

  /** Aborted as soon as cancel() is called. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /**
   * Takes a host from the pool. Not raced against cancel: the pool honours the signal itself, and
   * a host it hands over must be recorded here so release() gives it back.
   */
  async acquire(): Promise<HostProcess> {
    const host = (this.host = await this.pool.acquire(this.signal))
    await this.checkpoint()
    return host
  }

  /** Stops the query in the engine; resolves once the host is idle again or killed. Idempotent. */
  cancel(): Promise<void> {
    this.stopping ??= this.stop()
    return this.stopping
  }

  /**
   * Awaits host work unless the query is cancelled first. After a cancel it throws `cancelled`
   * only once the engine has stopped, so the next query never meets a half-stopped host.
   */
  async guard<T>(work: Promise<T>): Promise<T> {
    work.catch(noop) // after a cancel, the work's own rejection is expected and not reported
    let value: T
    try {
      value = await this.latch.race(work)
    } catch (error) {
      if (this.signal.aborted) await this.latch.wait()
      throw error
    }
    await this.checkpoint()
    return value
  }

  /** Throws `cancelled` if the query was cancelled (e.g. while the consumer held a batch). */
  async checkpoint(): Promise<void> {
    if (this.signal.aborted) await this.latch.wait()
  }

  /** Gives the host back: closes a cursor left open (early break, error) and stops work in flight. */
  async release(): Promise<void> {
    const host = this.host
    this.host = null
    if (!host) return
    if (this.stopping) await this.stopping
    else if (host.alive && (this.cursorOpen || host.busy)) await host.interrupt(CANCEL_GRACE_MS)
    this.pool.release(host)
  }

  private async stop(): Promise<void> {
    this.controller.abort()
    const host = this.host
    if (host?.alive && host.busy) this.pool.prepareSpare() // it may be stuck and killed: boot its replacement now
    if (host?.alive && (this.cursorOpen || host.busy)) await host.interrupt(CANCEL_GRACE_MS)
    this.cursorOpen = false
    this.latch.stop(new QuarryFailure(cancelledError()))
  }
}
