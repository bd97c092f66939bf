import { randomUUID } from 'node:crypto'
import { IDLE_SESSION, QuarryFailure } from '../../../shared/contract'
import type { EngineId, QuarryError, SessionState, TransactionAction, TransactionState } from '../../../shared/contract'
import { engineOf } from '../../../shared/engines/engine-list'
import type { DriverConnection, SessionHandle } from '../../drivers/driver'
import type { SessionLease } from './tab-sessions'

const LOST_IN_TRANSACTION =
  "The tab's session ended while its transaction was open (the server or the network closed it): " +
  'the server rolled the transaction back, nothing of it was committed. A new session was opened.'
const LOST =
  "The tab's session ended (the server or the network closed it); a new one was opened: session settings and temporary tables are gone."

/** One editor tab's session: the held server session, and what is known of its transaction. */
export class TabSession {
  busy = false
  private held: SessionHandle | null = null
  private state: SessionState = IDLE_SESSION
  private runStartedAt = 0
  private freed: Promise<void> = Promise.resolve()
  private markFree: () => void = () => {}

  /** The transaction as last reported (after the tab's last run or apply), without asking the server. */
  get lastTransaction(): TransactionState {
    return this.state.transaction
  }

  constructor(
    private readonly target: { connectionId: string; database?: string | undefined },
    private readonly engine: EngineId,
    private readonly connect: () => Promise<DriverConnection>,
  ) {}

  runsOn(target: { connectionId: string; database?: string | undefined }): boolean {
    return target.connectionId === this.target.connectionId && target.database === this.target.database
  }

  /** Opens the server session if needed (telling the user once if the previous one was lost). */
  async lease(): Promise<SessionLease> {
    this.freed = new Promise((resolve) => (this.markFree = resolve))
    this.runStartedAt = Date.now()
    let connection: DriverConnection
    let held: SessionHandle | null
    try {
      connection = await this.connect()
      held = await this.heldSession(connection)
    } catch (error) {
      this.markFree()
      throw error
    }
    return {
      held,
      beginIfIdle: async () => {
        if (!held || (await held.transaction()) !== 'idle') return
        await this.runQuietly(connection, held, this.statements().begin)
      },
      release: async (statements) => {
        try {
          return this.settle(held ? await this.readTransaction(held) : 'idle', statements)
        } finally {
          this.busy = false
          this.markFree()
        }
      },
    }
  }

  /** The session runs go to: the one held, or a new one (telling the user once if the old one was lost). */
  private async heldSession(connection: DriverConnection): Promise<SessionHandle | null> {
    if (this.held && !this.held.held.usable) {
      const notice = this.state.transaction === 'idle' ? LOST : LOST_IN_TRANSACTION
      void this.held.close().catch(() => {}) // whatever is left of it (a socket, a host) goes too
      this.held = null
      this.state = { ...IDLE_SESSION, notice }
    }
    if (!this.held && connection.openSession) this.held = await connection.openSession(this.target.database)
    return this.held
  }

  /** Commits or rolls back (nothing open: nothing happens); the state after it. */
  async finish(action: TransactionAction): Promise<SessionState> {
    const held = this.held
    if (!held?.held.usable) return this.settle('idle', 0)
    this.busy = true
    try {
      const connection = await this.connect()
      await this.runQuietly(connection, held, this.statements()[action])
      return this.settle(await this.readTransaction(held), 0)
    } finally {
      this.busy = false
    }
  }

  /** Ends the server session once the running query (if any) has ended; rolls back unless committing. */
  async end(action: TransactionAction): Promise<void> {
    await this.freed
    const held = this.held
    this.held = null
    if (!held) return
    try {
      if (action === 'commit' && held.held.usable && (await held.transaction()) !== 'idle') {
        await this.runQuietly(await this.connect(), held, this.statements().commit)
      }
    } catch (error) {
      const cause: QuarryError =
        error instanceof QuarryFailure ? error.error : { kind: 'internal', message: String(error) }
      const message = `Commit failed, so the transaction was rolled back when the tab's session ended: ${cause.message}`
      throw new QuarryFailure({ ...cause, message })
    } finally {
      await held.close()
    }
  }

  private statements() {
    const statements = engineOf(this.engine).transactions
    if (!statements) throw new QuarryFailure({ kind: 'invalid-input', message: 'This engine has no transactions' })
    return statements
  }

  private async readTransaction(held: SessionHandle): Promise<TransactionState> {
    if (!held.held.usable) return 'idle'
    return held.transaction().catch(() => 'idle' as const)
  }

  /** Records the transaction as the server reported it after `statements` more ran. */
  private settle(transaction: TransactionState, statements: number): SessionState {
    const before = this.state
    const notice = before.notice
    if (transaction === 'idle') this.state = { ...IDLE_SESSION }
    else if (before.transaction === 'idle') {
      this.state = { transaction, openedAt: this.runStartedAt, statements, notice: null }
    } else
      this.state = { transaction, openedAt: before.openedAt, statements: before.statements + statements, notice: null }
    return { ...this.state, notice }
  }

  private async runQuietly(connection: DriverConnection, held: SessionHandle, sql: string): Promise<void> {
    for await (const item of connection.stream(sql, { queryId: randomUUID(), batchSize: 100, session: held.held })) {
      void item
    }
  }
}
