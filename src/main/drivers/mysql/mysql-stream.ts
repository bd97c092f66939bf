import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import { resultColumns } from './mysql-columns'
import { bindParams } from './mysql-params'
import { RunningQuery } from './mysql-running-query'
import type { QueryContext } from './mysql-running-query'
import { batchSizeAt as sizeAt, scriptStatements } from '../stream-results'

/** The queries of one connection, by id, so cancel(queryId) can find them. */
export type RunningQueries = Map<string, RunningQuery>

const USE = /^use\s/i

const batchSizeAt = (plan: number | BatchPlan, index: number): number => sizeAt(plan, index, 'mysql')

/**
 * Streams a script statement by statement on one query session, so BEGIN … COMMIT, temporary
 * tables and variables carry across its statements. The script is split client-side (DELIMITER,
 * routine bodies…); the server never sees more than one statement per call. Pull-based: rows are
 * read from the socket while at most one batch waits for the consumer. The first error stops the
 * script; a cancel stops the running statement in the engine (KILL QUERY) and ends with
 * `cancelled` once it has stopped. Whatever way it ends, the session goes back to the pool reset.
 */
export async function* streamScript(
  context: QueryContext,
  running: RunningQueries,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal } = options
  const statements = scriptStatements(sql, options, running, 'mysql', 'mysql') // before taking a session
  const query = new RunningQuery(context)
  running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted) await query.cancel()
    await query.checkpoint()
    const session = await query.acquire()
    const bytesPerChar = (collation: number) => context.profile.maxBytesPerChar.get(collation) ?? 1
    for (const [index, statement] of statements.entries()) {
      yield { kind: 'statement', index, offset: statement.offset, sql: statement.sql }
      await query.checkpoint()
      const errors = { ...context.errors, statement }
      const text = options.params ? bindParams(statement.sql, options.params) : statement.sql
      const reader = query.start(text, (batchIndex) => batchSizeAt(batchSize, batchIndex))
      const opened = await query.guard(reader.opened, errors)
      if (reader.schemaChanged || USE.test(statement.sql)) session.schemaChanged = true
      if (!opened.fields) {
        await query.guard(reader.finished, errors)
        yield { kind: 'columns', columns: [] }
        yield { kind: 'summary', affectedRows: opened.affectedRows }
        continue
      }
      yield { kind: 'columns', columns: resultColumns(opened.fields, bytesPerChar) }
      for (;;) {
        const batch = await query.guard(reader.next(), errors)
        if (!batch) break
        yield { kind: 'rows', rows: batch.rows, count: batch.count }
        await query.checkpoint()
      }
      yield { kind: 'summary', affectedRows: null }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    running.delete(queryId)
    await query.release()
  }
}
