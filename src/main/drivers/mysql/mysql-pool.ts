import type { MysqlClient } from './mysql-client'
import { cancelledFailure, mysqlFailure } from './mysql-errors'

/**
 * What a session is for. Each role has its own sessions and limit, so catalog calls never queue
 * behind running queries, and a cancel never queues behind either. A `tab` session is an editor
 * tab's own, held until the tab closes (then discarded, never reused).
 */
export type SessionRole = 'query' | 'meta' | 'control' | 'tab'

/** One server connection (one server thread) of the pool. */
export class Session {
  alive = true
  /** The statement it runs changed its default database (USE), to be restored on release. */
  schemaChanged = false
  idleTimer: NodeJS.Timeout | null = null

  constructor(
    readonly client: MysqlClient,
    readonly role: SessionRole,
  ) {
    const died = () => (this.alive = false)
    client.on('end', died)
    client.on('error', died)
  }

  /** The server's thread id (CONNECTION_ID()), the target of KILL QUERY. */
  get threadId(): number {
    return this.client.threadId ?? -1
  }
}

interface Waiter {
  resolve(session: Session): void
  reject(error: unknown): void
}

const closedFailure = () => mysqlFailure('connection', 'Connection is closed')

/** Sessions by role, opened on demand up to each role's limit; idle ones close after a while. */
export class SessionPool {
  private readonly idle: Record<SessionRole, Session[]> = { query: [], meta: [], control: [], tab: [] }
  private readonly waiting: Record<SessionRole, Waiter[]> = { query: [], meta: [], control: [], tab: [] }
  private readonly opened: Record<SessionRole, number> = { query: 0, meta: 0, control: 0, tab: 0 }
  private readonly sessions = new Set<Session>()
  private closed = false

  constructor(
    private readonly open: () => Promise<MysqlClient>,
    private readonly limits: Record<SessionRole, number>,
    private readonly idleTimeoutMs = 60_000,
  ) {}

  /** A session for `role`: an idle one, a new one, or the next one released (honours the signal). */
  async acquire(role: SessionRole, signal?: AbortSignal): Promise<Session> {
    if (this.closed) throw closedFailure()
    if (signal?.aborted) throw cancelledFailure()
    const idle = this.takeIdle(role)
    if (idle) return idle
    if (this.opened[role] < this.limits[role]) return this.openSession(role)
    return new Promise<Session>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (session) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(session)
        },
        reject,
      }
      const onAbort = () => {
        this.waiting[role] = this.waiting[role].filter((w) => w !== waiter)
        reject(cancelledFailure())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting[role].push(waiter)
    })
  }

  /** Gives a clean session back; a dead one is dropped. */
  release(session: Session): void {
    if (this.closed || !session.alive) return this.discard(session)
    const waiter = this.waiting[session.role].shift()
    if (waiter) return waiter.resolve(session)
    session.idleTimer = setTimeout(() => this.discard(session), this.idleTimeoutMs).unref()
    this.idle[session.role].push(session)
  }

  /** Closes a session (dead, or in an unknown state) and lets a waiter open a new one. */
  discard(session: Session): void {
    if (!this.sessions.delete(session)) return
    this.clearIdle(session)
    this.opened[session.role]--
    session.alive = false
    session.client.destroy()
    const waiter = this.waiting[session.role].shift()
    if (waiter) this.openSession(session.role).then(waiter.resolve, waiter.reject)
  }

  /** Every open session, idle or in use. */
  all(): Session[] {
    return [...this.sessions]
  }

  /** Closes everything: idle sessions say goodbye (COM_QUIT), busy ones are cut. */
  async close(): Promise<void> {
    this.closed = true
    for (const waiters of Object.values(this.waiting)) waiters.splice(0).forEach((w) => w.reject(closedFailure()))
    const idle = new Set(Object.values(this.idle).flat())
    await Promise.all(
      this.all().map((session) => {
        this.sessions.delete(session)
        this.clearIdle(session)
        if (!idle.has(session) || !session.alive) return session.client.destroy()
        return new Promise<void>((resolve) => session.client.end(() => resolve()))
      }),
    )
  }

  private takeIdle(role: SessionRole): Session | null {
    for (let session = this.idle[role].pop(); session; session = this.idle[role].pop()) {
      this.clearIdle(session)
      if (session.alive) return session
      this.discard(session)
    }
    return null
  }

  private async openSession(role: SessionRole): Promise<Session> {
    this.opened[role]++
    let client: MysqlClient
    try {
      client = await this.open()
    } catch (error) {
      this.opened[role]--
      // A waiter queued behind this attempt gets a try of its own.
      const waiter = this.waiting[role].shift()
      if (waiter) this.openSession(role).then(waiter.resolve, waiter.reject)
      throw error
    }
    const session = new Session(client, role)
    this.sessions.add(session)
    if (this.closed) {
      this.discard(session)
      throw closedFailure()
    }
    return session
  }

  private clearIdle(session: Session): void {
    if (session.idleTimer) clearTimeout(session.idleTimer)
    session.idleTimer = null
    const list = this.idle[session.role]
    const at = list.indexOf(session)
    if (at >= 0) list.splice(at, 1)
  }
}
