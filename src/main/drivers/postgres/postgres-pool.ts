import { cancelledFailure, pgFailure } from './postgres-errors'
import type { PgSession } from './postgres-session'

/** Pool sizes and idle limits of one connection. */
export interface PoolLimits {
  /** Most query sessions open at once (running streams, plus idle ones kept for reuse). */
  maxQuerySessions: number
  /** An idle query session is closed after this long. */
  queryIdleMs: number
  /** A metadata session unused this long is closed (opened again on the next call). */
  metaIdleMs: number
}

interface Waiter {
  database: string
  signal: AbortSignal
  resolve(session: PgSession): void
  reject(error: unknown): void
}

const closedFailure = () => pgFailure('connection', 'Connection is closed')

/**
 * The server sessions of one connection. Each running stream holds a query session of its
 * database until it ends; idle ones are reused most recently used first (so consecutive runs
 * tend to share a session) and closed after a while. Metadata calls use one separate session per
 * database, so they never queue behind a running query. A session belongs to one database: at
 * the cap, an idle session of another database is closed to make room.
 */
export class SessionPool {
  private readonly idle: PgSession[] = []
  private readonly sessions = new Set<PgSession>()
  private readonly waiters: Waiter[] = []
  private readonly timers = new Map<PgSession, NodeJS.Timeout>()
  private readonly metas = new Map<string, Promise<PgSession>>()
  /** Query sessions open or opening; never more than the cap. */
  private size = 0
  private closed = false

  constructor(
    private readonly open: (database: string, role: 'query' | 'meta') => Promise<PgSession>,
    private readonly limits: PoolLimits,
  ) {}

  /** A query session on `database`: idle, new, or the next one released. Aborting gives up waiting. */
  acquire(database: string, signal: AbortSignal): Promise<PgSession> {
    if (this.closed) return Promise.reject(closedFailure())
    if (signal.aborted) return Promise.reject(cancelledFailure())
    // Idle sessions the server ended (restart, timeout, pg_terminate_backend) make room.
    for (const session of this.idle.filter((s) => !s.alive)) this.drop(session)
    const reuse = this.idle.findLastIndex((session) => session.database === database)
    if (reuse !== -1) {
      const [session] = this.idle.splice(reuse, 1)
      return Promise.resolve(this.hold(session!))
    }
    if (this.size >= this.limits.maxQuerySessions && this.idle.length > 0) this.drop(this.idle[0]!)
    if (this.size < this.limits.maxQuerySessions) return this.spawn(database, signal)
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { database, signal, resolve, reject }
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(cancelledFailure())
      }
      signal.addEventListener('abort', onAbort, { once: true })
      waiter.resolve = (session) => (signal.removeEventListener('abort', onAbort), resolve(session))
      waiter.reject = (error) => (signal.removeEventListener('abort', onAbort), reject(error))
      this.waiters.push(waiter)
    })
  }

  /**
   * Opens a query session on `database` ahead of need, when none is idle and there is room, so
   * the first query does not wait for a connect and authentication. Failures are left to the
   * query that would have needed it.
   */
  warm(database: string): void {
    if (this.closed || this.size >= this.limits.maxQuerySessions) return
    if (this.idle.some((session) => session.database === database)) return
    this.spawn(database, new AbortController().signal).then(
      (session) => this.release(session),
      () => {},
    )
  }

  /** Gives a query session back, idle and out of any transaction (the caller made sure). */
  release(session: PgSession): void {
    session.busy = false
    if (!session.alive || this.closed) return this.dropAndServe(session)
    const same = this.waiters.findIndex((waiter) => waiter.database === session.database)
    if (same !== -1) return this.waiters.splice(same, 1)[0]!.resolve(this.hold(session))
    if (this.waiters.length > 0) return this.dropAndServe(session)
    this.idle.push(session)
    this.timers.set(
      session,
      setTimeout(() => this.drop(session), this.limits.queryIdleMs),
    )
    this.timers.get(session)!.unref()
  }

  /** The metadata session of `database`, opened on first use and again if it died. */
  async meta(database: string): Promise<PgSession> {
    if (this.closed) throw closedFailure()
    const pending = this.metas.get(database)
    const existing = pending ? await pending.catch(() => null) : null
    if (existing?.alive) return this.touchMeta(existing)
    if (this.metas.get(database) === pending) {
      const opening = this.open(database, 'meta')
      this.metas.set(database, opening)
      opening.catch(() => this.metas.get(database) === opening && this.metas.delete(database))
    }
    const session = await this.metas.get(database)!
    if (this.closed) throw closedFailure()
    return this.touchMeta(session)
  }

  /** Every open session, for diagnostics and tests. */
  async all(): Promise<{ session: PgSession; role: 'query' | 'meta' }[]> {
    const metas = await Promise.all([...this.metas.values()].map((p) => p.catch(() => null)))
    return [
      ...[...this.sessions].map((session) => ({ session, role: 'query' as const })),
      ...metas
        .filter((s): s is PgSession => s !== null && s.alive)
        .map((session) => ({ session, role: 'meta' as const })),
    ]
  }

  async close(): Promise<void> {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter.reject(closedFailure())
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    const metas = await Promise.all([...this.metas.values()].map((p) => p.catch(() => null)))
    this.metas.clear()
    const all = [...this.sessions, ...metas.filter((s): s is PgSession => s !== null)]
    this.sessions.clear()
    this.idle.length = 0
    await Promise.all(all.map((session) => session.close()))
  }

  private hold(session: PgSession): PgSession {
    clearTimeout(this.timers.get(session))
    this.timers.delete(session)
    session.busy = true
    return session
  }

  private async spawn(database: string, signal: AbortSignal): Promise<PgSession> {
    this.size++
    let session: PgSession
    try {
      session = await this.open(database, 'query')
    } catch (error) {
      this.size--
      this.serveWaiters()
      throw error
    }
    this.sessions.add(session)
    this.hold(session)
    if (this.closed) {
      this.dropAndServe(session)
      throw closedFailure()
    }
    if (signal.aborted) {
      this.release(session)
      throw cancelledFailure()
    }
    return session
  }

  private drop(session: PgSession): void {
    clearTimeout(this.timers.get(session))
    this.timers.delete(session)
    const index = this.idle.indexOf(session)
    if (index !== -1) this.idle.splice(index, 1)
    if (this.sessions.delete(session)) this.size--
    void session.close()
  }

  private dropAndServe(session: PgSession): void {
    this.drop(session)
    this.serveWaiters()
  }

  /** Opens sessions for waiters of other databases while there is room. */
  private serveWaiters(): void {
    while (!this.closed && this.waiters.length > 0 && this.size < this.limits.maxQuerySessions) {
      const waiter = this.waiters.shift()!
      this.spawn(waiter.database, waiter.signal).then(waiter.resolve, waiter.reject)
    }
  }

  private touchMeta(session: PgSession): PgSession {
    clearTimeout(this.timers.get(session))
    // Closed when unused for a while; the next call finds it dead and opens a fresh one.
    const timer = setTimeout(() => {
      this.timers.delete(session)
      void session.close()
    }, this.limits.metaIdleMs)
    timer.unref()
    this.timers.set(session, timer)
    return session
  }
}
