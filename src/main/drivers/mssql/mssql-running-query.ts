import { StopLatch } from '../stop-latch'
import { BatchReader } from './mssql-batch-reader'
import type { MssqlBatch } from './mssql-client'
import { cancelledFailure, mssqlFailure, toMssqlFailure } from './mssql-errors'
import type { ErrorContext } from './mssql-errors'
import type { PooledSession, SessionPool } from './mssql-pool'

/**
 * If a cancelled batch has still not ended this long after its attention (a server that does not
 * answer, a dead network), its session is dropped rather than left to hang the run.
 */
export const CANCEL_FALLBACK_MS = 5_000

const noop = (): void => {}

/**
 * One script in flight: the session it holds, the batch running on it, and how to stop it.
 * Cancel sends TDS attention on the batch's own connection (request.cancel()): the server stops
 * the batch and acknowledges, and the session stays usable. Before the session goes back to the
 * pool it is reset (sp_reset_connection: open transactions rolled back, temp tables dropped,
 * SET options and database restored), so no run sees another's state.
 */
export class RunningQuery {
  private pooled: PooledSession | null = null
  private request: MssqlBatch | null = null
  private reader: BatchReader | null = null
  private readonly controller = new AbortController()
  private readonly latch = new StopLatch()
  private stopping: Promise<void> | null = null
  /** The session's state is unknown (a batch that would not stop): closed rather than reused. */
  private broken = false

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Takes a query session, waiting for one if all are busy (a cancel ends the wait). */
  async acquire(pool: SessionPool, database: string): Promise<void> {
    this.pooled = await pool.acquire(database, this.signal)
    this.checkpoint()
  }

  /** Sends a batch on the held session; its events are read through the returned reader. */
  start(
    sql: string,
    sizeAt: (batchIndex: number) => number,
    onRows: (count: number) => void,
    params?: readonly string[],
  ): BatchReader {
    const session = this.pooled!.session
    // A session that died between two batches of a script lost its transaction and temp tables.
    if (!session.alive) throw mssqlFailure('connection', 'Lost the connection to the server during the script')
    this.request = session.batch(sql, params)
    this.reader = new BatchReader(this.request, sizeAt, onRows)
    return this.reader
  }

  /** Stops the query in the engine; resolves once its batch has ended. Idempotent. */
  cancel(): Promise<void> {
    this.stopping ??= this.stop()
    return this.stopping
  }

  /** Throws `cancelled` if the query was cancelled (e.g. while the consumer held a batch). */
  checkpoint(): void {
    if (this.signal.aborted) throw cancelledFailure()
  }

  /**
   * Awaits work of the running batch unless the query is cancelled first; maps errors. After a
   * cancel it throws `cancelled` only once the batch has ended in the engine.
   */
  async guard<T>(work: Promise<T>, context: ErrorContext): Promise<T> {
    work.catch(noop)
    let value: T
    try {
      value = await this.latch.race(work)
    } catch (error) {
      if (this.signal.aborted) await this.latch.wait()
      throw toMssqlFailure(error, context)
    }
    this.checkpoint()
    return value
  }

  /** Ends a batch left running (early exit, error), resets the session and gives it back. */
  async release(pool: SessionPool): Promise<void> {
    const pooled = this.pooled
    this.pooled = null
    if (!pooled) return
    if (this.stopping) await this.stopping
    else await this.halt()
    if (this.broken || !pooled.session.alive) return pool.discard(pooled)
    try {
      await pooled.session.reset()
      pool.release(pooled)
    } catch {
      pool.discard(pooled)
    }
  }

  private async stop(): Promise<void> {
    this.controller.abort()
    await this.halt()
    this.latch.stop(cancelledFailure())
  }

  /** Attention for a batch still running; waits for its end, or gives the session up. */
  private async halt(): Promise<void> {
    const { reader, request } = this
    if (!reader || !request || reader.ended) return
    reader.discard()
    request.cancel()
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.broken = true
        resolve()
      }, CANCEL_FALLBACK_MS)
    })
    await Promise.race([reader.done, late])
    clearTimeout(timer)
  }
}
