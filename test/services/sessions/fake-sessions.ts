import type { DriverConnection, SessionHandle, StreamItem, StreamOptions } from '../../../src/main/drivers/driver'
import type { TransactionState } from '../../../src/shared/contract'
import type { EngineSession } from '../../../src/main/drivers/engine-session'

/** A server session of the fake engine: a transaction flag the statements move, and what ended it. */
export class FakeSession implements SessionHandle {
  readonly held: { usable: boolean; fake: FakeSession; session: EngineSession } = {
    usable: true,
    fake: this,
    session: {} as EngineSession,
  }
  state: TransactionState = 'idle'
  committed = 0
  /** COMMIT fails (a deferred constraint): the server ends the transaction without committing. */
  failCommit = false
  closedWith: TransactionState | null = null
  readonly ran: string[] = []

  constructor(readonly database: string | undefined) {}

  async transaction(): Promise<TransactionState> {
    return this.state
  }

  async close(): Promise<void> {
    if (this.closedWith === null) this.closedWith = this.state
    this.held.usable = false
  }

  get alive(): boolean {
    return this.held.usable
  }

  set alive(value: boolean) {
    this.held.usable = value
  }

  run(sql: string): void {
    this.ran.push(sql)
    const word = sql.trim().split(/\s+/)[0]!.toUpperCase()
    if (word === 'BEGIN' || word === 'START') this.state = 'open'
    else if (word === 'COMMIT') {
      if (this.failCommit) {
        this.state = 'idle'
        throw new Error('violates foreign key constraint')
      }
      if (this.state === 'open') this.committed++
      this.state = 'idle'
    } else if (word === 'ROLLBACK') this.state = 'idle'
    else if (word === 'FAIL' && this.state === 'open') this.state = 'failed'
  }
}

/** A connection of the fake engine (id 'postgres', so its descriptor's BEGIN/COMMIT/ROLLBACK apply). */
export function fakeSessionConnection(options: { failOpen?: () => boolean } = {}) {
  const sessions: FakeSession[] = []
  const connection = {
    engine: 'postgres',
    async openSession(database?: string): Promise<SessionHandle> {
      if (options.failOpen?.()) throw new Error('connection refused')
      const session = new FakeSession(database)
      sessions.push(session)
      return session
    },
    async *stream(sql: string, streamOptions: StreamOptions): AsyncIterable<StreamItem> {
      const session = (streamOptions.session as { fake?: FakeSession } | undefined)?.fake
      const statements = sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
      for (const [index, statement] of statements.entries()) {
        yield { kind: 'statement', index, offset: 0, sql: statement }
        session?.run(statement)
        yield { kind: 'columns', columns: [] }
        yield { kind: 'summary', affectedRows: 0 }
      }
    },
  } as unknown as DriverConnection
  return { connection, sessions }
}
