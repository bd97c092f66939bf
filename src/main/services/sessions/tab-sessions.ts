import { QuarryFailure } from '../../../shared/contract'
import type { SessionState, TransactionAction, TransactionState } from '../../../shared/contract'
import type { Driver, DriverConnection, SessionHandle } from '../../drivers/driver'
import type { ClientSink } from '../client-sink'
import { TabSession } from './tab-session'

/** What the sessions need of the connection service. */
export interface SessionConnections {
  get(connectionId: string): Promise<DriverConnection>
  driverFor(connectionId: string): Driver
}

/** A tab session taken for one run: run on `held` (null: the engine has none), then `release`. */
export interface SessionLease {
  held: SessionHandle | null
  /** Opens a transaction first when none is open (manual-commit mode). */
  beginIfIdle(): Promise<void>
  /** The run ended (`statements` of it ran): the session is free again; answers its state. */
  release(statements: number): Promise<SessionState>
}

/**
 * The editor tabs' own server sessions, per client and tab id: opened on a tab's first run, kept
 * across its runs, ended when the tab closes or moves to another connection, and when the client
 * goes away — ending rolls an open transaction back (unless the user chose Commit), never commits.
 */
export class TabSessions {
  private readonly sessions = new Map<string, TabSession>()
  private readonly watched = new WeakSet<ClientSink>()

  constructor(private readonly connections: SessionConnections) {}

  /**
   * Takes the tab's session for a run. Refuses at once (synchronously) while the tab's previous
   * run still holds it. A tab moved to another connection or database gets a new session; the
   * old one is ended (rolled back: the renderer asked the user first).
   */
  take(
    client: ClientSink,
    sessionId: string,
    target: { connectionId: string; database?: string | undefined },
  ): Promise<SessionLease> {
    this.watch(client)
    const key = keyOf(client, sessionId)
    let session = this.sessions.get(key)
    if (session?.busy) {
      throw new QuarryFailure({ kind: 'invalid-input', message: 'This tab is still running a query: cancel it first' })
    }
    const previous = session && !session.runsOn(target) ? session : null
    if (!session || previous) {
      const driver = this.connections.driverFor(target.connectionId)
      session = new TabSession(target, driver.engine, () => this.connections.get(target.connectionId))
      this.sessions.set(key, session)
    }
    const taken = session
    taken.busy = true
    return (async () => {
      try {
        if (previous) await previous.end('rollback')
        return await taken.lease()
      } catch (error) {
        taken.busy = false
        throw error
      }
    })()
  }

  /**
   * The tab session's transaction as last reported, for a preview (nothing is leased or asked of
   * the server): idle when the tab has no session on that target yet.
   */
  lastTransaction(
    client: ClientSink,
    sessionId: string,
    target: { connectionId: string; database?: string | undefined },
  ): TransactionState {
    const session = this.sessions.get(keyOf(client, sessionId))
    return session?.runsOn(target) ? session.lastTransaction : 'idle'
  }

  /** Commits or rolls back the tab's open transaction. */
  async transaction(client: ClientSink, sessionId: string, action: TransactionAction): Promise<SessionState> {
    const session = this.sessions.get(keyOf(client, sessionId))
    if (!session) return { transaction: 'idle', openedAt: null, statements: 0, notice: null }
    if (session.busy) {
      throw new QuarryFailure({ kind: 'invalid-input', message: 'This tab is still running a query: cancel it first' })
    }
    return session.finish(action)
  }

  /** Ends the tab's session (rolling back, or committing when asked). False: it had none. */
  async close(client: ClientSink, sessionId: string, action: TransactionAction = 'rollback'): Promise<boolean> {
    const key = keyOf(client, sessionId)
    const session = this.sessions.get(key)
    if (!session) return false
    this.sessions.delete(key)
    await session.end(action)
    return true
  }

  /** Sessions held now (all clients). */
  get size(): number {
    return this.sessions.size
  }

  /** Ends every session, rolling back (app shutdown). */
  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()]
    this.sessions.clear()
    await Promise.allSettled(all.map((session) => session.end('rollback')))
  }

  private watch(client: ClientSink): void {
    if (this.watched.has(client)) return
    this.watched.add(client)
    client.onClose(() => {
      for (const [key, session] of this.sessions) {
        if (!key.startsWith(`${client.id}\u0000`)) continue
        this.sessions.delete(key)
        void session.end('rollback')
      }
    })
  }
}

const keyOf = (client: ClientSink, sessionId: string): string => `${client.id}\u0000${sessionId}`
