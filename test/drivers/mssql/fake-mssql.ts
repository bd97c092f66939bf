import { EventEmitter } from 'node:events'
import type {
  MssqlBatch,
  MssqlColumn,
  MssqlErrorLike,
  MssqlInfo,
  MssqlSession,
} from '../../../src/main/drivers/mssql/mssql-client'

/** What a fake batch sends, in order, as mssql's stream-mode events. */
export type Script =
  | { recordset: MssqlColumn[] }
  | { row: unknown[] }
  | { rowsaffected: number }
  | { error: MssqlErrorLike }
  /** A server message (tedious infoMessage): PRINT, RAISERROR of severity ≤ 10. */
  | { info: MssqlInfo }
  /** Stops sending until the test calls `release()` (a long-running statement). */
  | { hang: true }

/**
 * A stand-in for one mssql request in stream mode: plays its script one event per tick, honours
 * pause/resume, and on cancel() stops and reports ECANCEL, as tedious does after the attention ack.
 */
export class FakeBatch extends EventEmitter implements MssqlBatch {
  paused = false
  cancelled = false
  maxPausedRows = 0
  private step = 0
  private hanging = false
  private finished = false

  constructor(
    readonly sql: string,
    private readonly script: Script[],
  ) {
    super()
    setImmediate(() => this.pump())
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    setImmediate(() => this.pump())
  }

  cancel(): void {
    if (this.finished || this.cancelled) return
    this.cancelled = true
    setImmediate(() => {
      this.emit('error', { message: 'Canceled.', code: 'ECANCEL' })
      this.end()
    })
  }

  release(): void {
    this.hanging = false
    setImmediate(() => this.pump())
  }

  private pump(): void {
    while (!this.paused && !this.cancelled && !this.hanging && !this.finished) {
      const event = this.script[this.step++]
      if (!event) return this.end()
      if ('hang' in event) this.hanging = true
      else if ('recordset' in event) this.emit('recordset', event.recordset)
      else if ('row' in event) this.emit('row', event.row)
      else if ('rowsaffected' in event) this.emit('rowsaffected', event.rowsaffected)
      else if ('info' in event) this.emit('info', event.info)
      else this.emit('error', event.error)
    }
  }

  private end(): void {
    if (this.finished) return
    this.finished = true
    this.emit('done')
  }
}

/**
 * A fake session: records batches, queries and resets, answers each batch from `reply`; the
 * transaction query (`@@TRANCOUNT`) answers `transaction`, any other query the server's version.
 */
export class FakeSession implements MssqlSession {
  alive = true
  resets = 0
  closed = false
  /** What `SELECT @@TRANCOUNT AS n, XACT_STATE() AS s` answers. */
  transaction = { n: 0, s: 0 }
  readonly queries: string[] = []
  readonly batches: FakeBatch[] = []
  /** The parameters each batch was sent with (undefined: a plain batch, no sp_executesql). */
  readonly batchParams: (readonly string[] | undefined)[] = []

  constructor(
    readonly spid: number,
    private readonly reply: (sql: string) => Script[],
  ) {}

  batch(sql: string, params?: readonly string[]): FakeBatch {
    const batch = new FakeBatch(sql, this.reply(sql))
    this.batches.push(batch)
    this.batchParams.push(params)
    return batch
  }

  async query<T>(sql: string): Promise<T[]> {
    this.queries.push(sql)
    if (sql.includes('@@TRANCOUNT')) return [{ ...this.transaction }] as T[]
    return [{ version: '16.0.4135.4', edition: 'Developer Edition' }] as T[]
  }

  async reset(): Promise<void> {
    this.resets++
  }

  async close(): Promise<void> {
    this.closed = true
    this.alive = false
  }
}

export const intColumn = (name: string): MssqlColumn => ({ name, type: { declaration: 'int' } })
