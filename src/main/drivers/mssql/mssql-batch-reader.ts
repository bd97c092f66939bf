import { encodeRows } from '../../../shared/contract'
import type { EncodedRows, ServerMessage, WireValue } from '../../../shared/contract'
import type { MssqlBatch, MssqlColumn, MssqlErrorLike } from './mssql-client'
import { MessageLog } from './mssql-messages'
import { converters, wireRow } from './mssql-values'
import type { CellConverter } from './mssql-values'

/** What one batch produces, in order. */
export type BatchEvent =
  /** A result set starts. */
  | { kind: 'result'; columns: MssqlColumn[] }
  | { kind: 'rows'; rows: EncodedRows; count: number }
  /** The open result set ended; the server's messages since the previous statement ended. */
  | { kind: 'end-result'; messages: ServerMessage[] }
  /** A statement without a result set reported its row count (INSERT, UPDATE, DELETE, MERGE…). */
  | { kind: 'count'; affectedRows: number; messages: ServerMessage[] }

const noop = (): void => {}

/**
 * One T-SQL batch on one session, its events read in order and its rows in batches of the plan's
 * sizes. When a full batch of rows waits for the consumer the request is paused (tedious stops
 * reading the socket, and TCP flow control then stops the server), so the driver holds at most
 * that batch plus the one the consumer has. Several result sets follow one another; a DONE with a
 * count ends the open result set, or outside one is a statement's affected rows.
 *
 * Server errors do not stop a batch in SQL Server (only batch-aborting ones do): they are kept,
 * the rest of the batch's results are read as the server sends them, and the first error is
 * thrown once the batch has ended — what ran is shown, then why the script stops.
 *
 * Server messages (PRINT, RAISERROR ≤ 10) go with the next statement that ends (a PRINT has no
 * statement of its own in the stream); those after the last one are `restMessages()`.
 */
export class BatchReader {
  readonly errors: MssqlErrorLike[] = []
  /** The batch plan failed (an invalid size): thrown by next(). */
  private planError: unknown = null
  ended = false
  private readonly queue: BatchEvent[] = []
  private readonly messages = new MessageLog()
  private rows: WireValue[][] = []
  private convert: CellConverter[] = []
  private inResult = false
  private batchIndex = 0
  private size: number
  private paused = false
  private wake: () => void = noop
  private readonly finished: Promise<void>
  private finish: () => void = noop

  constructor(
    private readonly request: MssqlBatch,
    private readonly sizeAt: (batchIndex: number) => number,
    private readonly onRows: (count: number) => void = noop,
  ) {
    this.size = 1
    this.resize()
    this.finished = new Promise((resolve) => (this.finish = resolve))
    request.on('recordset', (columns) => {
      this.closeResult()
      this.inResult = true
      this.convert = converters(columns)
      // Each result set starts small again, so its first rows paint at once.
      this.batchIndex = 0
      this.resize()
      this.push({ kind: 'result', columns })
    })
    request.on('row', (row) => this.onRow(row))
    request.on('rowsaffected', (count) => {
      if (this.inResult) this.closeResult()
      else this.push({ kind: 'count', affectedRows: count, messages: this.messages.take() })
    })
    request.on('info', (info) => this.messages.add(info))
    request.on('error', (error) => {
      this.errors.push(error)
      this.wake()
    })
    request.on('done', () => {
      this.closeResult()
      this.ended = true
      this.finish()
      this.wake()
    })
  }

  /** The next event, or null once the batch has ended and everything was read. */
  async next(): Promise<BatchEvent | null> {
    for (;;) {
      if (this.planError) throw this.planError
      const event = this.queue.shift()
      if (event) {
        if (this.queue.length === 0) this.resume() // read on while the consumer handles this one
        return event
      }
      if (this.ended) return null
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  /** Resolves once the server has ended the batch (completed, failed or cancelled). */
  get done(): Promise<void> {
    return this.finished
  }

  /** Messages that came after the batch's last statement ended (read once the batch has ended). */
  restMessages(): ServerMessage[] {
    return this.messages.take()
  }

  /** Drops what is buffered and reads the rest into the void (after a cancel). */
  discard(): void {
    this.queue.length = 0
    this.rows = []
    this.inResult = false
    this.resume()
  }

  private onRow(row: unknown[]): void {
    this.rows.push(wireRow(row, this.convert))
    if (this.rows.length < this.size) return
    this.flushRows()
    this.batchIndex++
    this.resize()
    this.pause()
  }

  private resize(): void {
    try {
      this.size = this.sizeAt(this.batchIndex)
    } catch (error) {
      this.planError ??= error
      this.wake()
    }
  }

  private flushRows(): void {
    if (this.rows.length === 0) return
    const count = this.rows.length
    this.onRows(count)
    this.push({ kind: 'rows', rows: encodeRows(this.rows), count })
    this.rows = []
  }

  private closeResult(): void {
    if (!this.inResult) return
    this.flushRows()
    this.inResult = false
    this.push({ kind: 'end-result', messages: this.messages.take() })
  }

  private push(event: BatchEvent): void {
    this.queue.push(event)
    this.wake()
  }

  private pause(): void {
    if (this.paused || this.ended) return
    this.paused = true
    this.request.pause()
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    this.request.resume()
  }
}
