import type { ServerMessage } from '../../../shared/contract'
import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import type { EngineSession, RunEnd, StatementEvent, StatementStart } from '../engine-session'
import { settlesWithin } from '../settles-within'
import { BatchReader } from './mssql-batch-reader'
import type { MssqlBatch } from './mssql-client'
import { mssqlFailure, toMssqlFailure } from './mssql-errors'
import type { PooledSession } from './mssql-pool'
import { resultColumns } from './mssql-values'

/**
 * If a cancelled batch has still not ended this long after its attention (a server that does not
 * answer, a dead network), its session is dropped rather than left to hang the run.
 */
export const CANCEL_FALLBACK_MS = 5_000

/** What batches need from their connection. */
export interface BatchContext {
  /** host:port or host\instance, for messages. */
  target: string
  /** Counts rows received from the server, connection-wide. */
  onRows(count: number): void
}

/**
 * A query session as the script runner uses it: each T-SQL batch (a script is split at GO lines)
 * gives its result sets and row counts in order, each a statement of the stream. Interrupt sends
 * TDS attention on the batch's own connection (request.cancel()): the server stops the batch and
 * acknowledges, and the session stays usable.
 */
export class MssqlScriptSession implements EngineSession {
  private request: MssqlBatch | null = null
  private reader: BatchReader | null = null
  /** The session's state is unknown (a batch that would not stop): closed rather than reused. */
  private broken = false

  constructor(
    readonly pooled: PooledSession,
    private readonly context: BatchContext,
  ) {}

  async *start(batch: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    const { session } = this.pooled
    // A session that died between two batches of a script lost its transaction and temp tables.
    if (!session.alive) throw mssqlFailure('connection', 'Lost the connection to the server during the script')
    this.request = session.batch(batch.sql, start.params)
    const reader = (this.reader = new BatchReader(this.request, start.sizes, this.context.onRows))
    let reported = false
    for (;;) {
      const event = await reader.next()
      if (!event) break
      if (event.kind === 'result') yield { kind: 'columns', columns: resultColumns(event.columns) }
      else if (event.kind === 'rows') yield { kind: 'rows', rows: event.rows, count: event.count }
      else if (event.kind === 'end-result') yield summary(null, event.messages)
      else {
        yield { kind: 'columns', columns: [] }
        yield summary(event.affectedRows, event.messages)
      }
      reported ||= event.kind === 'result' || event.kind === 'count'
    }
    // Messages after the last statement (a closing PRINT, or a batch of PRINTs or DDL) are a
    // statement of their own, shown before the batch's error if it has one. After other statements
    // it is named "Messages": a tag read from the batch's first words would name the wrong statement.
    const rest = reader.restMessages()
    if (rest.length > 0) {
      yield { kind: 'columns', columns: [] }
      yield { ...summary(null, rest), ...(reported ? { command: 'Messages' } : {}) }
      reported = true
    }
    // SQL Server runs on after most errors: what the batch returned is shown, then its first error.
    const [first, ...more] = reader.errors
    if (first) throw withMore(this.failure(first, batch), more.length)
    // A batch that returned and counted nothing (DDL, SET, NOCOUNT ON) still has its statement.
    if (!reported) {
      yield { kind: 'columns', columns: [] }
      yield { kind: 'summary', affectedRows: 0 }
    }
  }

  interrupt(): Promise<void> {
    return this.halt()
  }

  async settle(end: RunEnd): Promise<boolean> {
    if (!end.interrupted) await this.halt()
    return !this.broken && this.pooled.session.alive
  }

  failure(error: unknown, batch: ScriptStatement) {
    return toMssqlFailure(error, { phase: 'query', target: this.context.target, statement: batch })
  }

  /** Attention for a batch still running; waits for its end, or gives the session up. */
  private async halt(): Promise<void> {
    const { reader, request } = this
    if (!reader || !request || reader.ended) return
    reader.discard()
    request.cancel()
    if (!(await settlesWithin(reader.done, CANCEL_FALLBACK_MS))) this.broken = true
  }
}

/** A statement's summary, with the server's messages when it sent any. */
function summary(affectedRows: number | null, messages: ServerMessage[]): StatementEvent {
  return { kind: 'summary', affectedRows, ...(messages.length > 0 ? { messages } : {}) }
}

/** Says how many further errors the batch raised after the one shown. */
function withMore<T extends { error: { message: string } }>(failure: T, more: number): T {
  if (more > 0) failure.error.message += ` (and ${more} more error${more === 1 ? '' : 's'} in the batch)`
  return failure
}
