import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import { batchSizeAt as sizeAt, scriptStatements } from '../stream-results'
import { toMssqlFailure } from './mssql-errors'
import type { ErrorContext } from './mssql-errors'
import type { SessionPool } from './mssql-pool'
import { RunningQuery } from './mssql-running-query'
import { resultColumns } from './mssql-values'

/** What a stream needs from its connection. */
export interface StreamContext {
  pool: SessionPool
  /** The queries of the connection, by id, so cancel(queryId) finds them. */
  running: Map<string, RunningQuery>
  /** The database of the run (the connection's default when the caller named none). */
  database: string
  /** host:port or host\instance, for messages. */
  target: string
  /** Counts rows received from the server, connection-wide. */
  onRows(count: number): void
}

const batchSizeAt = (plan: number | BatchPlan, index: number): number => sizeAt(plan, index, 'mssql')

/**
 * Streams a script batch by batch (split at GO lines, `GO n` running a batch n times) on one
 * session, so temp tables and transactions carry across batches. Each result set of a batch, and
 * each row count of a statement without one, becomes a statement of the stream (marker, columns,
 * rows, summary), all with the batch's offset and text. Pull-based: the request is paused while a
 * full batch of rows waits for the consumer. The first batch with an error ends the script.
 */
export async function* streamScript(
  context: StreamContext,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal } = options
  const batches = scriptStatements(sql, options, context.running, 'mssql', 'mssql') // before taking a session
  const query = new RunningQuery()
  context.running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  let index = 0
  try {
    if (signal?.aborted) void query.cancel()
    query.checkpoint()
    await query.acquire(context.pool, context.database).catch((error: unknown) => {
      throw toMssqlFailure(error, { phase: 'query', target: context.target })
    })
    for (const batch of batches) {
      for (let run = 0; run < (batch.repeat ?? 1); run++) {
        const errors: ErrorContext = { phase: 'query', target: context.target, statement: batch }
        const marker = (): StreamItem => ({ kind: 'statement', index: index++, offset: batch.offset, sql: batch.sql })
        query.checkpoint()
        const reader = query.start(batch.sql, (i) => batchSizeAt(batchSize, i), context.onRows, options.params)
        let reported = false
        for (;;) {
          const event = await query.guard(reader.next(), errors)
          if (!event) break
          switch (event.kind) {
            case 'result':
              reported = true
              yield marker()
              yield { kind: 'columns', columns: resultColumns(event.columns) }
              break
            case 'rows':
              yield { kind: 'rows', rows: event.rows, count: event.count }
              query.checkpoint()
              break
            case 'end-result':
              yield { kind: 'summary', affectedRows: null }
              break
            case 'count':
              reported = true
              yield marker()
              yield { kind: 'columns', columns: [] }
              yield { kind: 'summary', affectedRows: event.affectedRows }
              break
          }
        }
        // A batch that returned and counted nothing (DDL, SET, NOCOUNT ON, or an error) still has its statement.
        if (!reported) yield marker()
        const [first, ...more] = reader.errors
        if (first) throw withMore(toMssqlFailure(first, errors), more.length)
        if (!reported) {
          yield { kind: 'columns', columns: [] }
          yield { kind: 'summary', affectedRows: 0 }
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    context.running.delete(queryId)
    await query.release(context.pool)
  }
}

/** Says how many further errors the batch raised after the one shown. */
function withMore<T extends { error: { message: string } }>(failure: T, more: number): T {
  if (more > 0) failure.error.message += ` (and ${more} more error${more === 1 ? '' : 's'} in the batch)`
  return failure
}
