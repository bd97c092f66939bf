import { quoteIdentifier } from '../../../shared/dialect/quote-identifier'
import { resetClient, runQuery } from './mysql-client'
import type { MysqlClient } from './mysql-client'
import { killStatement } from './mysql-cancel'
import { cancelledFailure, toMysqlFailure } from './mysql-errors'
import type { ErrorContext } from './mysql-errors'
import type { ServerProfile } from './mysql-flavor'
import type { Session, SessionPool } from './mysql-pool'
import { ResultReader } from './mysql-result-reader'
import type { ReadStats } from './mysql-result-reader'
import { StopLatch } from '../stop-latch'

/** What running queries need from their connection. */
export interface QueryContext {
  pool: SessionPool
  profile: ServerProfile
  stats: ReadStats
  /** The connection's default database, restored on a session a script moved with USE. */
  database: string | null
  /** A read-only connection: its sessions start read-only and every statement runs read-only. */
  readOnly: boolean
  /** Re-applies the connection's session settings after a reset. */
  initSession(client: MysqlClient): Promise<void>
  errors: ErrorContext
}

/** How long a statement may take to end after its KILL QUERY before its session is cut instead. */
const KILL_GRACE_MS = 2_000

const noop = (): void => {}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One script in flight: the session it holds, its current statement, and how to stop both. */
export class RunningQuery {
  private session: Session | null = null
  private reader: ResultReader | null = null
  private readonly controller = new AbortController()
  private stopping: Promise<void> | null = null
  /** Stopped once a cancel has stopped the statement; the guards race against it. */
  private readonly latch = new StopLatch()
  /** The session's state is unknown (its connection failed): close it rather than reuse it. */
  private broken = false
  private killSent = false

  constructor(private readonly context: QueryContext) {}

  /** Takes a query session, waiting for one if all are busy (a cancel ends the wait). */
  async acquire(): Promise<Session> {
    // Opening a session may fail like a connect does (server down: ECONNREFUSED): a typed error.
    this.session = await this.context.pool.acquire('query', this.controller.signal).catch((error: unknown) => {
      throw toMysqlFailure(error, { ...this.context.errors, phase: 'connect' })
    })
    await this.checkpoint()
    return this.session
  }

  /** Sends a statement on the session; its rows are read batch by batch. */
  start(sql: string, sizeAt: (batchIndex: number) => number): ResultReader {
    this.reader = new ResultReader(this.session!.client, sql, sizeAt, this.context.stats)
    return this.reader
  }

  /** Stops the query in the engine; resolves once its statement has ended. Idempotent. */
  cancel(): Promise<void> {
    this.stopping ??= this.stop()
    return this.stopping
  }

  /**
   * Awaits statement work unless the query is cancelled first; maps errors to QuarryFailures. After
   * a cancel it throws `cancelled` only once the statement has ended in the engine.
   */
  async guard<T>(work: Promise<T>, errors: ErrorContext): Promise<T> {
    work.catch(noop)
    let value: T
    try {
      value = await this.latch.race(work)
    } catch (error) {
      if (this.controller.signal.aborted) await this.latch.wait()
      const failure = toMysqlFailure(error, errors)
      if (failure.error.kind === 'connection') this.broken = true
      throw failure
    }
    await this.checkpoint()
    return value
  }

  /** Throws `cancelled` if the query was cancelled (e.g. while the consumer held a batch). */
  async checkpoint(): Promise<void> {
    if (this.controller.signal.aborted) await this.latch.wait()
  }

  /** Ends a statement left running (early exit, error) and gives the session back clean. */
  async release(): Promise<void> {
    const session = this.session
    this.session = null
    if (!session) return
    if (this.stopping) await this.stopping
    else await this.halt(session)
    await this.clean(session)
  }

  private async stop(): Promise<void> {
    this.controller.abort()
    if (this.session) await this.halt(this.session)
    this.latch.stop(cancelledFailure())
  }

  /** KILL QUERY for a statement still running, while draining what it already sent. */
  private async halt(session: Session): Promise<void> {
    const reader = this.reader
    if (!reader || reader.ended) return
    const drained = reader.stop()
    // Often the rest of the result was already here (paused): let it play out before asking the server.
    await new Promise((resolve) => setImmediate(resolve))
    if (reader.ended) return
    const { pool, profile } = this.context
    try {
      const control = await pool.acquire('control')
      try {
        const target = { threadId: session.threadId, ended: () => reader.ended }
        this.killSent = await killStatement(control.client, profile.flavor, target)
        pool.release(control)
      } catch {
        pool.discard(control)
      }
    } catch {
      // No control session: the grace period below cuts the statement's session instead.
    }
    await Promise.race([drained, sleep(KILL_GRACE_MS)])
    if (!reader.ended) this.broken = true
  }

  /** COM_RESET_CONNECTION, so nothing of this run (transaction, temp tables, variables) leaks into the next. */
  private async clean(session: Session): Promise<void> {
    const { pool, profile, database, initSession } = this.context
    if (this.broken || !session.alive) return pool.discard(session)
    try {
      await resetClient(session.client)
      await initSession(session.client)
      // MySQL may keep a KILL QUERY that arrived just after its statement for the next one: spend it.
      if (this.killSent && profile.flavor === 'mysql') await runQuery(session.client, 'DO 0').catch(noop)
      if (session.schemaChanged) {
        if (!database) return pool.discard(session) // no way back to "no database" but a new session
        await runQuery(session.client, `USE ${quoteIdentifier('mysql', database)}`)
        session.schemaChanged = false
      }
      pool.release(session)
    } catch {
      pool.discard(session)
    }
  }
}
