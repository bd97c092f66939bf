import type { StreamItem, StreamOptions } from '../driver'
import { batchSizeAt, scriptStatements } from '../stream-results'
import type { DuckdbHostProcess } from './duckdb-host-process'
import { DuckdbRunningQuery } from './duckdb-running-query'

/** The queries of one connection, by id, so cancel(queryId) can find them. */
export type RunningQueries = Map<string, DuckdbRunningQuery>

/**
 * Streams a script, statement by statement, through one session of the connection's host.
 * Pull-based: the host reads a batch only when asked; one batch is requested ahead of the
 * consumer, so DuckDB computes while the consumer handles the previous batch, and memory stays
 * bounded by two batches (plus the rest of one DuckDB chunk in the host).
 */
export async function* streamQuery(
  host: () => Promise<DuckdbHostProcess>,
  running: RunningQueries,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal, database } = options
  const statements = scriptStatements(sql, options, running, 'duckdb', 'duckdb')
  const query = new DuckdbRunningQuery(await host())
  running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted) await query.cancel()
    await query.checkpoint()
    const { host: process, session } = query
    let index = 0
    const pull = () =>
      query.track(process.request('query.next', { session, size: batchSizeAt(batchSize, index++, 'duckdb') }))
    for (const [statementIndex, statement] of statements.entries()) {
      yield { kind: 'statement', index: statementIndex, offset: statement.offset, sql: statement.sql }
      const opened = await query.guard(
        process.request('query.open', {
          session,
          sql: statement.sql,
          ...(database === undefined ? {} : { database }),
          ...(options.params ? { params: [...options.params] } : {}),
        }),
      )
      yield { kind: 'columns', columns: opened.columns }
      await query.checkpoint()
      if (!opened.reader) {
        yield { kind: 'summary', affectedRows: opened.affectedRows }
        continue
      }
      let next = pull()
      for (;;) {
        const batch = await query.guard(next)
        if (!batch.done) next = pull()
        if (batch.count > 0) {
          yield { kind: 'rows', rows: batch.rows, count: batch.count }
          await query.checkpoint()
        }
        if (batch.done) break
      }
      yield { kind: 'summary', affectedRows: null }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    running.delete(queryId)
    await query.release()
  }
}
