import { sendCancelRequest } from './postgres-cancel'
import { asFailure, cancelledFailure } from './postgres-errors'
import type { SessionPool } from './postgres-pool'
import type { PortalStatement } from './postgres-portal'
import type { PgSession } from './postgres-session'

/**
 * If a cancelled statement has still not stopped after this long (a server that ignores the
 * request, a dead network), its session is dropped rather than left to hang the run.
 */
export const CANCEL_FALLBACK_MS = 5_000

const isCancelError = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '57014'

/**
 * One script in flight: the session it holds, the statement running on it, and how to stop it.
 * Cancel sends the protocol's CancelRequest for that backend, and only while our statement is
 * executing on it; the session is never killed for a cancel. Before the session goes back to the
 * pool, a cancel request that may still be on its way is absorbed, a transaction left open is
 * rolled back and changed session state is discarded, so the next query starts clean.
 */
export class RunningQuery {
  private session: PgSession | null = null
  private portal: PortalStatement | null = null
  private readonly controller = new AbortController()
  private cancelRequest: Promise<void> | null = null
  private fallback: NodeJS.Timeout | undefined
  /**
   * The script may have changed session state (SET, temp tables, prepared statements…): the
   * session is reset before anyone else runs on it, so no run sees another's settings.
   */
  changedSession = false

  get signal(): AbortSignal {
    return this.controller.signal
  }

  async acquire(pool: SessionPool, database: string): Promise<PgSession> {
    this.session = await pool.acquire(database, this.signal)
    this.checkpoint()
    return this.session
  }

  /** Runs a statement on the held session. */
  start(portal: PortalStatement): void {
    this.portal = portal
    this.session!.run(portal)
  }

  /** Stops the query; resolves once the cancel request (if one was needed) reached the server. */
  cancel(): Promise<void> {
    this.controller.abort()
    return this.interruptServer()
  }

  /** Throws `cancelled` if the query was cancelled (e.g. while the consumer held a batch). */
  checkpoint(): void {
    if (this.signal.aborted) throw cancelledFailure()
  }

  /**
   * Awaits work of the current statement. After a cancel the work settles as soon as the server
   * stopped (or finished) the statement, and this throws `cancelled`; other errors are mapped,
   * with positions moved to the whole script.
   */
  async guard<T>(work: Promise<T>, statementOffset: number): Promise<T> {
    let value: T
    try {
      value = await work
    } catch (error) {
      this.checkpoint()
      throw asFailure(error, { statementOffset })
    }
    this.checkpoint()
    return value
  }

  /** Ends the statement left open (early exit, cancel, error), cleans the session and gives it back. */
  async release(pool: SessionPool): Promise<void> {
    const { session, portal } = this
    if (!session) return
    try {
      // A session the server ended (FATAL) may not have seen its socket close yet.
      if (portal?.sessionLost) session.destroy()
      if (portal && session.alive) {
        // An Execute still running when the consumer stopped is stopped too, not waited for.
        if (portal.executing) await this.interruptServer()
        await portal.close().catch(() => {})
      }
      if (this.cancelRequest) await this.cancelRequest
      // A cancel that raced with the statement's end may reach the backend later: a trivial
      // statement takes it (or the backend, idle by then, has ignored it) before anyone else runs.
      if (this.cancelRequest && !isCancelError(portal?.failure) && session.alive) {
        await session.query('SELECT 1').catch((error: unknown) => isCancelError(error) || session.destroy())
      }
      if (session.alive && session.transactionStatus !== 'I') await session.query('ROLLBACK')
      if (session.alive && this.changedSession) await session.query('DISCARD ALL')
    } catch {
      session.destroy()
    } finally {
      clearTimeout(this.fallback)
      this.session = this.portal = null
      pool.release(session)
    }
  }

  /** Sends the cancel request, once, if our statement is executing on the server right now. */
  private interruptServer(): Promise<void> {
    if (this.cancelRequest) return this.cancelRequest
    const session = this.session
    const key = session?.alive ? session.key : null
    if (!session || !key || !this.portal?.executing) return Promise.resolve()
    this.fallback = setTimeout(() => session.destroy(), CANCEL_FALLBACK_MS)
    this.fallback.unref()
    this.cancelRequest = sendCancelRequest(session.target, key).catch(() => {
      // Unreachable postmaster: the fallback timer drops the session if the statement never stops.
    })
    return this.cancelRequest
  }
}
