import type { DriverConnection, HeldSession, StreamItem, StreamOptions } from '../../../src/main/drivers/driver'
import type { TransactionState } from '../../../src/shared/contract'

/** A server session of the fake engine: a transaction flag the statements move, and what ended it. */
export class FakeSession implements HeldSession {
  alive = true
  busy = false
  state: TransactionState = 'idle'
  committed = 0
  closedWith: TransactionState | null = null
  readonly ran: string[] = []

  constructor(readonly database: string | undefined) {}

  async transaction(): Promise<TransactionState> {
    return this.state
  }

  async close(): Promise<void> {
    if (this.closedWith === null) this.closedWith = this.state
    this.alive = false
  }

  run(sql: string): void {
    this.ran.push(sql)
    const word = sql.trim().split(/\s+/)[0]!.toUpperCase()
    if (word === 'BEGIN' || word === 'START') this.state = 'open'
    else if (word === 'COMMIT') {
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
    async openSession(database?: string): Promise<HeldSession> {
      if (options.failOpen?.()) throw new Error('connection refused')
      const session = new FakeSession(database)
      sessions.push(session)
      return session
    },
    async *stream(sql: string, streamOptions: StreamOptions): AsyncIterable<StreamItem> {
      const session = streamOptions.session as FakeSession | undefined
      const statements = sql.split(';').map((s) => s.trim()).filter(Boolean)
      for (const [index, statement] of statements.entries()) {
        yield { kind: 'statement', index, offset: 0, sql: statement }
        if (session) {
          session.busy = true
          session.run(statement)
          session.busy = false
        }
        yield { kind: 'columns', columns: [] }
        yield { kind: 'summary', affectedRows: 0 }
      }
    },
  } as unknown as DriverConnection
  return { connection, sessions }
}
