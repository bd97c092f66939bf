import type { BatchPlan, StreamItem, StreamOptions } from '../driver'
import type { HostPool } from './host-pool'
import { RunningQuery } from './running-query'
import { batchSizeAt as sizeAt, scriptStatements } from '../stream-results'
import { runsReadOnly } from '../write-guard'
import { QuarryFailure, WRITE_REFUSED_CODE } from '../../../shared/contract'

/** A write refusal names where its statement starts in the script. */
const positioned = (error: unknown, offset: number): unknown =>
  error instanceof QuarryFailure && error.error.code === WRITE_REFUSED_CODE
    ? new QuarryFailure({ ...error.error, position: offset + 1 })
    : error

/** The queries of one connection, by id, so cancel(queryId) can find them. */
export type RunningQueries = Map<string, RunningQuery>

const noop = (): void => {}

const batchSizeAt = (plan: number | BatchPlan, index: number): number => sizeAt(plan, index, 'sqlite')

/**
 * Streams a script, statement by statement, through one host of the pool. Pull-based: the host reads a batch only when
 * asked. One batch is requested ahead of the consumer, so the host reads while the consumer
 * handles the previous batch (throughput is the slower of the two, not their sum); memory stays
 * bounded by two batches.
 */
export async function* streamQuery(
  pool: HostPool,
  running: RunningQueries,
  sql: string,
  options: StreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { queryId, batchSize, signal } = options
  const statements = scriptStatements(sql, options, running, 'sqlite', 'sqlite') // before taking a host
  const query = new RunningQuery(pool)
  running.set(queryId, query)
  const onAbort = (): void => void query.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted) await query.cancel()
    await query.checkpoint()
    // One host for the whole script, so its statements share one session (BEGIN … COMMIT works).
    const host = await query.acquire()
    let index = 0
    const pull = () => {
      const request = host.request('query.next', { size: batchSizeAt(batchSize, index++) })
      request.catch(noop) // a prefetch left behind by an early exit may fail unobserved
      return request
    }
    for (const [statementIndex, statement] of statements.entries()) {
      yield { kind: 'statement', index: statementIndex, offset: statement.offset, sql: statement.sql }
      // A read-only connection's host refuses writes itself; a guard asks it to for this statement.
      const guard = runsReadOnly(false, options.readOnlyGuard, statementIndex)
      const opened = await query
        .guard(
          host.request('query.open', {
            sql: statement.sql,
            guard,
            ...(options.params ? { params: [...options.params] } : {}),
          }),
        )
        .catch((error) => {
          throw positioned(error, statement.offset)
        })
      query.cursorOpen = opened.reader
      yield { kind: 'columns', columns: opened.columns }
      await query.checkpoint()
      if (!opened.reader) {
        yield { kind: 'summary', affectedRows: opened.affectedRows }
        continue
      }
      let next = pull()
      for (;;) {
        const batch = await query.guard(next)
        if (batch.done) query.cursorOpen = false
        else next = pull()
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
