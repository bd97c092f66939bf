import { randomUUID } from 'node:crypto'
import { QuarryFailure } from '../../../shared/contract'
import { StopLatch } from '../stop-latch'
import { cancelledError, duckdbError } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'

/**
 * The watchdog: how long an interrupted statement may take to stop before its host is killed.
 * DuckDB checks for interrupts between vectors (milliseconds); a statement still running after
 * this is stuck somewhere DuckDB does not check, and only ending its process frees the connection.
 */
export const INTERRUPT_GRACE_MS = 2_000

const noop = (): void => {}

/** Resolves true once `work` settles, false if `ms` pass first. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  const settled = work.then(
    () => true as const,
    () => true as const,
  )
  return Promise.race([settled, timedOut]).finally(() => clearTimeout(timer))
}

/** One script in flight in a host: its session there, and how to interrupt it and end it. */
export class DuckdbRunningQuery {
  /** The host-side session (one DuckDB connection) the script's statements run on. */
  readonly session = randomUUID()
  private readonly controller = new AbortController()
  private readonly latch = new StopLatch()
  private readonly inFlight = new Set<Promise<unknown>>()
  private stopping: Promise<void> | null = null

  constructor(readonly host: DuckdbHostProcess) {}

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** A host request of this query, remembered until it settles so a cancel can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work)
    work.then(noop, noop).finally(() => this.inFlight.delete(work))
    work.catch(noop) // a prefetch left behind by an early exit may fail unobserved
    return work
  }

  /** Interrupts the statement in DuckDB; resolves once it stopped (or its host was killed). Idempotent. */
  cancel(): Promise<void> {
    this.stopping ??= this.stop()
    return this.stopping
  }

  /** Awaits host work unless the query is cancelled first; after a cancel, throws `cancelled` once stopped. */
  async guard<T>(work: Promise<T>): Promise<T> {
    let value: T
    try {
      value = await this.latch.race(this.track(work))
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

  /** Ends the host session (its stream and connection), after a cancel has finished stopping it. */
  async release(): Promise<void> {
    if (this.stopping) await this.stopping
    if (this.host.alive) await this.host.request('session.end', { session: this.session }).catch(noop)
  }

  private async stop(): Promise<void> {
    this.controller.abort()
    if (this.host.alive) {
      await this.host.request('session.interrupt', { session: this.session }).catch(noop)
      const pending = Promise.allSettled([...this.inFlight])
      if (!(await settlesWithin(pending, INTERRUPT_GRACE_MS))) {
        this.host.kill(duckdbError('cancelled', 'Query cancelled: DuckDB did not stop, its host was ended'))
      }
    }
    this.latch.stop(new QuarryFailure(cancelledError()))
  }
}
