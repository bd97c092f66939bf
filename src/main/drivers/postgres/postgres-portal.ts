import type { EncodedRows } from '../../../shared/contract'
import type { RawDataRow } from './postgres-raw-rows'
import { PgRowWriter } from './postgres-row-writer'
import type { TextDataRow } from './postgres-row-writer'

/** A result column as RowDescription describes it. */
export interface PortalField {
  name: string
  dataTypeID: number
  dataTypeModifier: number
  /** The OID of the table and the attribute number the column reads; 0 for an expression. */
  tableID?: number
  columnID?: number
}

/** Rows read by one Execute, as a row batch (null when there were none); `done` once the statement completed. */
export interface PortalBatch {
  rows: EncodedRows | null
  count: number
  done: boolean
}

/** The wire calls a portal makes (the slice of pg's Connection it uses). */
export interface PortalWire {
  parse(query: { text: string }): void
  bind(config: { portal: string; values: unknown[] }): void
  describe(message: { type: 'P'; name: string }): void
  execute(config: { portal: string; rows: number }): void
  close(message: { type: 'P'; name: string }): void
  flush(): void
  sync(): void
  sendCopyFail(message: string): void
  once(event: 'noData' | 'readyForQuery' | 'end', listener: () => void): unknown
  removeListener(event: string, listener: () => void): unknown
  stream: { cork?(): void; uncork?(): void }
}

type Phase = 'waiting' | 'executing' | 'suspended' | 'syncing' | 'ended'

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
}

function deferred<T>(): Deferred<T> {
  const d = {} as Deferred<T>
  d.promise = new Promise<T>((resolve, reject) => Object.assign(d, { resolve, reject }))
  d.promise.catch(() => {}) // observed by whoever awaits it; never an unhandled rejection
  return d
}

const COMMAND_COUNT = /(?:^| )(\d+)$/

/**
 * One statement run through the extended protocol in an unnamed portal (a pg Submittable): Parse,
 * Bind, Describe, then Execute for `rows` rows at a time, each only when asked (the server reads
 * nothing ahead of the consumer), and Sync at the end. Each DataRow's cells go straight from the
 * message's bytes into the batch's column buffers (see PgRowWriter): no string per
 * text cell, no array per row, and pg's type parsers are never called. pg's Client routes the
 * server's answers here until ReadyForQuery.
 */
export class PortalStatement {
  private wire: PortalWire | null = null
  private phase: Phase = 'waiting'
  /** The batch being read (its buffers are kept from one Execute to the next). */
  private writer = new PgRowWriter([])
  private batch = deferred<PortalBatch>()
  private readonly describedD = deferred<PortalField[] | null>()
  private readonly endedD = deferred<void>()
  /** The first error the statement met, if any. */
  failure: unknown = null
  /** The command tag's row count (UPDATE 10 → 10); null for tags without one (CREATE TABLE). */
  commandCount: number | null = null
  /** The server's command tag, verbatim ("CREATE TABLE", "INSERT 0 3", "ROLLBACK"). */
  commandTag: string | null = null
  /** The statement failed with the session: FATAL from the server, or the socket closed. */
  get sessionLost(): boolean {
    if (this.failure === null) return false
    const severity = (this.failure as { severity?: unknown }).severity
    return typeof severity !== 'string' || severity === 'FATAL' || severity === 'PANIC'
  }

  /** Whether the last request is still being executed by the server (a cancel has work to stop). */
  get executing(): boolean {
    return this.phase === 'executing'
  }

  constructor(
    readonly text: string,
    private readonly firstRows: number,
    private readonly onRows: (count: number) => void = () => {},
    /** Values of the statement's $n placeholders, as text (the server infers their types). */
    private readonly values: readonly string[] = [],
  ) {}

  /** The columns (RowDescription), or null for a statement that returns no rows. */
  get described(): Promise<PortalField[] | null> {
    return this.describedD.promise
  }

  /** Settles at ReadyForQuery: the statement is over on the server (rejects if it failed, even at commit). */
  get ended(): Promise<void> {
    return this.endedD.promise
  }

  /** The first batch: the rows of the Execute sent with the statement. */
  readonly first: Promise<PortalBatch> = this.batch.promise

  /** Asks for the next `rows` rows; only after the previous batch arrived and was not the last. */
  fetch(rows: number): Promise<PortalBatch> {
    if (this.phase !== 'suspended' || !this.wire) return this.batch.promise
    this.phase = 'executing'
    this.wire.execute({ portal: '', rows })
    this.wire.flush()
    return this.batch.promise
  }

  /** Ends the statement early (consumer stopped, cancel): closes the portal; settles at ReadyForQuery. */
  close(): Promise<void> {
    if (this.wire && (this.phase === 'suspended' || this.phase === 'executing')) {
      // Pipelined behind a running Execute, if any: the server finishes that batch, then closes.
      this.wire.close({ type: 'P', name: '' })
      this.sync()
    }
    return this.endedD.promise
  }

  // --- pg's Submittable interface -------------------------------------------------------------

  submit(wire: PortalWire): void {
    this.wire = wire
    this.phase = 'executing'
    wire.once('noData', this.onNoData)
    wire.once('end', this.onEnd)
    wire.stream.cork?.()
    try {
      wire.parse({ text: this.text })
      wire.bind({ portal: '', values: [...this.values] })
      wire.describe({ type: 'P', name: '' })
      // The server buffers its replies until it would wait for input: without this Flush the
      // columns would wait for the first batch, however long the statement takes to produce it.
      wire.flush()
      wire.execute({ portal: '', rows: this.firstRows })
      wire.flush()
    } finally {
      wire.stream.uncork?.()
    }
  }

  handleRowDescription(message: { fields: PortalField[] }): void {
    this.writer = new PgRowWriter(message.fields)
    this.describedD.resolve(message.fields)
  }

  handleDataRow(message: RawDataRow | TextDataRow): void {
    this.writer.row(message)
  }

  handlePortalSuspended(): void {
    if (this.phase === 'executing') this.phase = 'suspended'
    this.deliver(false)
  }

  handleCommandComplete(message: { text: string }): void {
    const count = COMMAND_COUNT.exec(message.text)
    this.commandCount = count ? Number(count[1]) : null
    this.commandTag = message.text
    this.describedD.resolve(null) // a no-op after a RowDescription
    this.sync()
    this.deliver(true)
  }

  handleEmptyQuery(): void {
    this.describedD.resolve(null)
    this.sync()
    this.deliver(true)
  }

  handleReadyForQuery(): void {
    this.finish()
  }

  handleError(error: unknown): void {
    this.failure ??= error
    this.describedD.reject(error)
    this.batch.reject(error)
    if (this.phase === 'ended') return
    // A server error is followed by ReadyForQuery once we Sync; a dead socket by nothing.
    if (this.wire && !this.sessionLost) {
      this.sync()
      this.wire.once('readyForQuery', () => this.finish())
    } else this.finish()
  }

  handleCopyInResponse(wire: PortalWire): void {
    wire.sendCopyFail('COPY FROM STDIN is not supported here: there is no client-side data to send')
  }

  handleCopyData(): void {
    // COPY … TO STDOUT: the data is not shown; the summary reports the command's row count.
  }

  // --- internals -----------------------------------------------------------------------------

  private readonly onNoData = (): void => this.describedD.resolve(null)

  private readonly onEnd = (): void => this.handleError(new Error('Connection terminated unexpectedly'))

  private sync(): void {
    if (this.phase === 'syncing' || this.phase === 'ended' || !this.wire) return
    this.phase = 'syncing'
    this.wire.sync()
  }

  private deliver(done: boolean): void {
    const count = this.writer.rowCount
    const rows = this.writer.take()
    this.onRows(count)
    const batch = this.batch
    if (!done) this.batch = deferred<PortalBatch>()
    batch.resolve({ rows, count, done })
  }

  private finish(): void {
    if (this.phase === 'ended') return
    this.phase = 'ended'
    this.wire?.removeListener('noData', this.onNoData)
    this.wire?.removeListener('end', this.onEnd)
    if (this.failure) this.endedD.reject(this.failure)
    else this.endedD.resolve()
  }
}
