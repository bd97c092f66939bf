import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import type { SessionPool } from './postgres-pool'
import { copyIn } from './postgres-copy-in'
import { PortalStatement } from './postgres-portal'
import { RunningQuery } from './postgres-running-query'
import type { TypeNames } from './postgres-type-names'
import { encodeBatch } from './postgres-values'
import { beginReadOnly, endReadOnly, readOnlyConnectionError, refusedByReadOnly } from './postgres-read-only'
import { runsReadOnly, writeRefused } from '../write-guard'
import { batchSizeAt as sizeAt, scriptStatements } from '../stream-results'

/** What a stream needs from its connection. */
export interface StreamContext {
  pool: SessionPool
  /** The queries of the connection, by id, so cancel(queryId) finds them. */
  running: Map<string, RunningQuery>
  typeNames: TypeNames
  /** The database of the run (the connection's default when the caller named none). */
  database: string
  /** Counts rows received from the server, connection-wide. */
  onRows(count: number): void
  /** A read-only connection: every statement runs read-only, guard or not. */
  readOnly: boolean
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/
const SESSION_STATE =
  /^(?:set|reset|prepare|listen|load|declare|do|call|discard)\b|^create\s+(?:(?:global|local)\s+)?temp(?:orary)?\b/i

/** Whether a statement may leave state in the session beyond its transaction. */
export const changesSession = (sql: string): boolean =>
  SESSION_STATE.test(sql.replace(LEADING_COMMENTS, '')) || /\bset_config\s*\(/i.test(sql)

const batchSizeAt = (plan: number | BatchPlan, index: number): number => sizeAt(plan, index, 'postgres')

/**
 * Streams a script statement by statement on one session (so BEGIN … COMMIT spans statements),
 * each through a portal read in batches of the plan's sizes (restarting with each statement, so
 * every result paints its first rows at once). Pull-based: the next batch is requested when the
 * previous one arrives, one batch ahead of the consumer at most, so the server reads while the
 * consumer handles a batch and memory stays bounded. The first error stops the script.
 */
export async function* streamScript(
  context: StreamContext,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal } = options
  const statements = scriptStatements(sql, options, context.running, 'postgres', 'postgres') // before taking a session
  const query = new RunningQuery()
  query.changedSession = statements.some((statement) => changesSession(statement.sql))
  context.running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted) void query.cancel()
    query.checkpoint()
    const session = await query.acquire(context.pool, context.database)
    for (const [index, statement] of statements.entries()) {
      const { offset } = statement
      yield { kind: 'statement', index, offset, sql: statement.sql }
      query.checkpoint()
      const readOnly = runsReadOnly(context.readOnly, options.readOnlyGuard, index)
      if (readOnly) await query.guard(beginReadOnly(session, offset), offset)
      try {
        yield* statement.copyData === undefined
          ? runStatement(context, query, statement.sql, offset, batchSize, options.params)
          : copyIn(session, query, statement.sql, statement.copyData, offset)
      } catch (error) {
        // On a read-only connection the refusal stays a plain read-only error: no confirmation lifts it.
        if (!readOnly || !refusedByReadOnly(error)) throw error
        const refusable = runsReadOnly(false, options.readOnlyGuard, index)
        throw refusable ? writeRefused(error, offset) : readOnlyConnectionError(error)
      }
      if (readOnly) await query.guard(endReadOnly(session), offset)
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    context.running.delete(queryId)
    await query.release(context.pool)
  }
}

/** One statement through a portal: its columns, row batches and summary. */
async function* runStatement(
  context: StreamContext,
  query: RunningQuery,
  sql: string,
  offset: number,
  batchSize: number | BatchPlan,
  params: readonly string[] | undefined,
): AsyncGenerator<StreamItem, void, undefined> {
  const portal = new PortalStatement(sql, batchSizeAt(batchSize, 0), context.onRows, params)
  query.start(portal)
  const fields = await query.guard(portal.described, offset)
  if (!fields) {
    yield { kind: 'columns', columns: [] }
    await query.guard(portal.ended, offset)
    // A command whose tag has no count (CREATE TABLE…) changed no rows that it reports.
    yield { kind: 'summary', affectedRows: portal.commandCount ?? 0 }
    return
  }
  const types = await query.guard(context.typeNames.resolve(context.database, fields), offset)
  yield { kind: 'columns', columns: fields.map((field, i) => ({ name: field.name, type: types[i] ?? null })) }
  let next = portal.first
  for (let batchIndex = 1; ; batchIndex++) {
    const batch = await query.guard(next, offset)
    if (!batch.done) next = portal.fetch(batchSizeAt(batchSize, batchIndex))
    if (batch.rows.length > 0) {
      yield { kind: 'rows', rows: encodeBatch(batch.rows), count: batch.rows.length }
      query.checkpoint()
    }
    if (batch.done) break
  }
  await query.guard(portal.ended, offset)
  yield { kind: 'summary', affectedRows: null }
}
