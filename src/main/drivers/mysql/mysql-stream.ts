import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import { resultColumns } from './mysql-columns'
import { bindParams } from './mysql-params'
import { RunningQuery } from './mysql-running-query'
import type { QueryContext } from './mysql-running-query'
import { batchSizeAt as sizeAt, scriptStatements } from '../stream-results'
import { runsReadOnly, writeRefused } from '../write-guard'
import type { Session } from './mysql-pool'
import type { ErrorContext } from './mysql-errors'
import { beginReadOnly, endReadOnly, refuseLift, refusedByReadOnly, setSessionReadOnly } from './mysql-read-only'

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
    // Read-only connections' sessions start read-only (initSession); a guard makes this one so.
    let sessionReadOnly = context.readOnly
    for (const [index, statement] of statements.entries()) {
      yield { kind: 'statement', index, offset: statement.offset, sql: statement.sql }
      await query.checkpoint()
      const errors = { ...context.errors, statement }
      const readOnly = runsReadOnly(context.readOnly, options.readOnlyGuard, index)
      if (readOnly) refuseLift(statement.sql, statement.offset)
      if (readOnly !== sessionReadOnly) {
        await query.guard(setSessionReadOnly(session.client, readOnly), errors)
        sessionReadOnly = readOnly
      }
      if (readOnly) await query.guard(beginReadOnly(session.client), errors)
      try {
        const text = options.params ? bindParams(statement.sql, options.params) : statement.sql
        yield* runStatement(context, query, session, text, batchSize, errors)
      } catch (error) {
        // On a read-only connection the refusal stays a plain read-only error: no confirmation lifts it.
        const refusable = runsReadOnly(false, options.readOnlyGuard, index)
        throw refusable && refusedByReadOnly(error) ? writeRefused(error, statement.offset) : error
      }
      if (readOnly) await query.guard(endReadOnly(session.client, context.profile.flavor, statement.offset), errors)
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    running.delete(queryId)
    await query.release()
  }
}

/** One statement on the session: its columns, row batches and summary. */
async function* runStatement(
  context: QueryContext,
  query: RunningQuery,
  session: Session,
  sql: string,
  batchSize: number | BatchPlan,
  errors: ErrorContext,
): AsyncGenerator<StreamItem, void, undefined> {
  const bytesPerChar = (collation: number) => context.profile.maxBytesPerChar.get(collation) ?? 1
  const reader = query.start(sql, (batchIndex) => batchSizeAt(batchSize, batchIndex))
  const opened = await query.guard(reader.opened, errors)
  if (reader.schemaChanged || USE.test(sql)) session.schemaChanged = true
  if (!opened.fields) {
    await query.guard(reader.finished, errors)
    yield { kind: 'columns', columns: [] }
    yield { kind: 'summary', affectedRows: opened.affectedRows }
    return
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
