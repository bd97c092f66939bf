import type { QuarryFailure } from '../../shared/contract'
import type { EngineSession } from './engine-session'
import { StopLatch } from './stop-latch'

const noop = (): void => {}

/**
 * The running state of one run: its abort, wired to the engine's interrupt exactly once, and the
 * guard every piece of engine work is awaited through. After an abort, work fails as `cancelled`
 * only once the engine has stopped the statement, so the next run never meets a half-stopped session.
 */
export class RunControl {
  private readonly controller = new AbortController()
  private readonly latch = new StopLatch()
  private session: EngineSession | null = null
  private stopping: Promise<void> | null = null
  private interrupted = false

  constructor(private readonly cancelled: () => QuarryFailure) {}

  /** Aborted as soon as the run is: ends a wait for a session. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** The session the run now holds: an abort from here on interrupts its statement. */
  hold(session: EngineSession): void {
    this.session = session
  }

  /** Stops the run: interrupts the statement in the engine (once), then fails every guard as cancelled. */
  abort(): Promise<void> {
    this.stopping ??= this.stop()
    return this.stopping
  }

  /** Whether the session's statement was interrupted; resolves once the interrupt has finished. */
  async stopped(): Promise<boolean> {
    if (this.stopping) await this.stopping
    return this.interrupted
  }

  /** Throws `cancelled` once the run was aborted and the engine has stopped. */
  async checkpoint(): Promise<void> {
    if (this.controller.signal.aborted) await this.latch.wait()
  }

  /** Awaits engine work unless the run is aborted first; its errors go through `fail`. */
  async guard<T>(work: Promise<T>, fail: (error: unknown) => unknown): Promise<T> {
    work.catch(noop) // after an abort the work's own rejection is expected and not reported
    let value: T
    try {
      value = await this.latch.race(work)
    } catch (error) {
      await this.checkpoint()
      throw fail(error)
    }
    await this.checkpoint()
    return value
  }

  private async stop(): Promise<void> {
    this.controller.abort()
    const session = this.session
    this.interrupted = session !== null
    if (session) await session.interrupt().catch(noop)
    this.latch.stop(this.cancelled())
  }
}
