import type { MssqlSession } from './mssql-client'
import { cancelledFailure, mssqlFailure } from './mssql-errors'

/** Sizes and idle limit of one connection's sessions. */
export interface PoolLimits {
  /** Most query sessions open at once (running scripts, plus idle ones kept for reuse). */
  maxQuerySessions: number
  /** An idle session closes after this long. */
  idleMs: number
}

/** A session of the pool, with the database it was opened on. */
export interface PooledSession {
  session: MssqlSession
  database: string
}

interface Waiter {
  database: string
  resolve(session: PooledSession): void
  reject(error: unknown): void
}

const closedFailure = () => mssqlFailure('connection', 'Connection is closed')

/**
 * The server sessions of one connection. A running script holds a query session of its database
 * until it ends; idle ones are reused (most recent first) and closed after a while. Catalog calls
 * share one metadata session of their own, so they never queue behind a running query.
 */
export class SessionPool {
  private readonly idle: PooledSession[] = []
  private readonly all = new Set<PooledSession>()
  private readonly waiters: Waiter[] = []
  private readonly timers = new Map<PooledSession, NodeJS.Timeout>()
  private metaSession: Promise<MssqlSession> | null = null
  private opening = 0
  private closed = false

  constructor(
    private readonly open: (database: string) => Promise<MssqlSession>,
    private readonly limits: PoolLimits,
  ) {}

  /** A query session on `database`: idle, new, or the next one released. Aborting gives up waiting. */
  async acquire(database: string, signal: AbortSignal): Promise<PooledSession> {
    if (this.closed) throw closedFailure()
    if (signal.aborted) throw cancelledFailure()
    for (const dead of this.idle.filter((p) => !p.session.alive)) this.drop(dead)
    const reuse = this.idle.findLastIndex((p) => p.database === database)
    if (reuse !== -1) return this.hold(this.idle.splice(reuse, 1)[0]!)
    if (this.size >= this.limits.maxQuerySessions && this.idle.length > 0) this.drop(this.idle[0]!)
    if (this.size < this.limits.maxQuerySessions) return this.spawn(database)
    return new Promise<PooledSession>((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter)
        if (at !== -1) this.waiters.splice(at, 1)
        reject(cancelledFailure())
      }
      const waiter: Waiter = {
        database,
        resolve: (pooled) => (signal.removeEventListener('abort', onAbort), resolve(pooled)),
        reject: (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
    })
  }

  /** Gives a session back, clean (the caller reset it); a dead one is dropped. */
  release(pooled: PooledSession): void {
    if (this.closed || !pooled.session.alive) return this.dropAndServe(pooled)
    const same = this.waiters.findIndex((w) => w.database === pooled.database)
    if (same !== -1) return this.waiters.splice(same, 1)[0]!.resolve(pooled)
    if (this.waiters.length > 0) return this.dropAndServe(pooled)
    this.idle.push(pooled)
    const timer = setTimeout(() => this.drop(pooled), this.limits.idleMs)
    timer.unref()
    this.timers.set(pooled, timer)
  }

  /** Closes a session in an unknown state and lets a waiter have its room. */
  discard(pooled: PooledSession): void {
    this.dropAndServe(pooled)
  }

  /** The metadata session, opened on first use and again if it died. */
  async meta(database: string): Promise<MssqlSession> {
    if (this.closed) throw closedFailure()
    const current = this.metaSession ? await this.metaSession.catch(() => null) : null
    if (current?.alive) return current
    const opening = this.open(database)
    this.metaSession = opening
    opening.catch(() => this.metaSession === opening && (this.metaSession = null))
    const session = await opening
    if (this.closed) {
      await session.close()
      throw closedFailure()
    }
    return session
  }

  /** Every session open now (query sessions first), for diagnostics and tests. */
  async sessions(): Promise<{ spid: number; role: 'query' | 'meta' }[]> {
    const meta = this.metaSession ? await this.metaSession.catch(() => null) : null
    const query = [...this.all].map((p) => ({ spid: p.session.spid, role: 'query' as const }))
    return meta?.alive ? [...query, { spid: meta.spid, role: 'meta' as const }] : query
  }

  async close(): Promise<void> {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter.reject(closedFailure())
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    const meta = this.metaSession ? await this.metaSession.catch(() => null) : null
    const sessions = [...this.all].map((p) => p.session)
    this.all.clear()
    this.idle.length = 0
    await Promise.all([...sessions, ...(meta ? [meta] : [])].map((s) => s.close().catch(() => {})))
  }

  private get size(): number {
    return this.all.size + this.opening
  }

  private hold(pooled: PooledSession): PooledSession {
    clearTimeout(this.timers.get(pooled))
    this.timers.delete(pooled)
    return pooled
  }

  private async spawn(database: string): Promise<PooledSession> {
    this.opening++
    let session: MssqlSession
    try {
      session = await this.open(database)
    } catch (error) {
      this.opening--
      this.serveWaiters()
      throw error
    }
    this.opening--
    const pooled = { session, database }
    this.all.add(pooled)
    if (this.closed) {
      this.drop(pooled)
      throw closedFailure()
    }
    return pooled
  }

  private drop(pooled: PooledSession): void {
    clearTimeout(this.timers.get(pooled))
    this.timers.delete(pooled)
    const at = this.idle.indexOf(pooled)
    if (at !== -1) this.idle.splice(at, 1)
    this.all.delete(pooled)
    void pooled.session.close().catch(() => {})
  }

  private dropAndServe(pooled: PooledSession): void {
    this.drop(pooled)
    this.serveWaiters()
  }

  private serveWaiters(): void {
    while (!this.closed && this.waiters.length > 0 && this.size < this.limits.maxQuerySessions) {
      const waiter = this.waiters.shift()!
      this.spawn(waiter.database).then(waiter.resolve, waiter.reject)
    }
  }
}
