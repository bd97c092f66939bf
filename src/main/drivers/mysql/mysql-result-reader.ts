import { RowBatchWriter } from '../../../shared/contract'
import type { EncodedRows } from '../../../shared/contract'
import type { ColumnDefinition, CommandState, MysqlClient, OkPacket } from './mysql-client'
import { RowEncoder } from './mysql-values'

/** A batch of rows, encoded. */
export interface Batch {
  rows: EncodedRows
  count: number
}

/** How a statement started: with a result (its columns) or without (its affected rows). */
export interface Opened {
  fields: ColumnDefinition[] | null
  affectedRows: number | null
  /** The server's info text of a statement without rows (an UPDATE's matched and changed rows). */
  info?: string
}

/** Counters a connection keeps across its statements. */
export interface ReadStats {
  /** Rows read off the socket (decoded or discarded). */
  rowsRead: number
}

const noop = (): void => {}

/**
 * One statement on one session, its rows read batch by batch. The socket is paused whenever a
 * full batch waits for the consumer, so the driver holds at most that batch plus the one the
 * consumer has; the server then blocks in its write (TCP flow control) until the next pull.
 *
 * Rows are read by replacing the `row` state of mysql2's query command with one that writes each
 * row packet's cells straight from its bytes into a row batch (see RowEncoder): no JS value per
 * row, and values stay exactly the server's. Every other packet (columns, EOF, OK, errors) is mysql2's.
 * Only the first result set of a statement is read; later ones (CALL) are skipped.
 */
export class ResultReader {
  readonly opened: Promise<Opened>
  /** Settles (never rejects) once the server has finished the statement, however it ended. */
  readonly finished: Promise<void>
  ended = false
  error: unknown = null
  /** The statement changed the session's default database (USE). */
  schemaChanged = false
  /** Warnings the server counted for the statement (listed by SHOW WARNINGS right after it). */
  warnings = 0
  private writer = new RowBatchWriter(0)
  private readonly ready: Batch[] = []
  private encoder: RowEncoder | null = null
  private resultSets = 0
  private batchIndex = 0
  private size: number
  private count = 0
  private paused = false
  private discarding = false
  private wake: () => void = noop

  constructor(
    private readonly client: MysqlClient,
    sql: string,
    private readonly sizeAt: (batchIndex: number) => number,
    private readonly stats: ReadStats,
  ) {
    this.size = sizeAt(0)
    let open: (opened: Opened) => void = noop
    let fail: (error: unknown) => void = noop
    let finish: () => void = noop
    this.opened = new Promise<Opened>((resolve, reject) => {
      open = resolve
      fail = reject
    })
    this.opened.catch(noop) // observed by the stream unless it was cancelled first
    this.finished = new Promise<void>((resolve) => (finish = resolve))
    const command = client.query(sql, (error) => {
      this.ended = true
      if (error) {
        this.error = error
        fail(error)
      } else open({ fields: null, affectedRows: null })
      finish()
      this.wake()
    })
    const readRow = command.row
    const onRow = (buf: Buffer, offset: number, end: number) => this.onRow(buf, offset, end)
    const warned = (count: number) => (this.warnings += count)
    const rowState: CommandState = function (packet, connection) {
      if (packet.isEOF()) {
        warned(packet.eofWarningCount())
        return readRow.call(this, packet, connection)
      }
      onRow(packet.buffer, packet.offset, packet.end)
      return rowState
    }
    command.row = rowState
    command.on('fields', (fields) => {
      if (!fields || this.resultSets++ > 0) return // mysql2 also emits 'fields' (undefined) for OK packets
      this.encoder = new RowEncoder(fields)
      this.writer = new RowBatchWriter(fields.length)
      open({ fields, affectedRows: null })
    })
    // Only OK packets arrive here: rows never reach mysql2's own row state.
    command.on('result', (result) => {
      const ok = result as OkPacket
      if (ok.stateChanges?.schema) this.schemaChanged = true
      this.warnings += ok.warningStatus ?? 0
      open({ fields: null, affectedRows: ok.affectedRows ?? null, ...(ok.info ? { info: ok.info } : {}) })
    })
  }

  /** The next batch, null at the end of the result; throws the statement's error. */
  async next(): Promise<Batch | null> {
    for (;;) {
      if (this.error) throw this.error
      const batch = this.ready.shift()
      if (batch) {
        this.resume() // read the next batch while the consumer handles this one
        return batch
      }
      if (this.ended) return this.count > 0 ? this.complete() : null
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  /** Drops what is buffered and reads the rest of the result into the void; resolves when it ended. */
  stop(): Promise<void> {
    this.discarding = true
    this.ready.length = 0
    this.count = 0
    this.writer.clear()
    this.resume()
    return this.finished
  }

  private onRow(buf: Buffer, offset: number, end: number): void {
    this.stats.rowsRead++
    if (this.discarding || this.resultSets > 1) return
    this.encoder!.write(buf, offset, end, this.writer)
    if (++this.count < this.size) return
    this.ready.push(this.complete())
    try {
      this.size = this.sizeAt(++this.batchIndex)
    } catch (error) {
      this.error = error
      this.discarding = true
    }
    this.pause()
    this.wake()
  }

  private complete(): Batch {
    const batch = { rows: this.writer.finish(), count: this.count }
    this.count = 0
    return batch
  }

  private pause(): void {
    if (this.paused || this.discarding) return
    this.paused = true
    this.client.pause()
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    this.client.resume()
  }
}
