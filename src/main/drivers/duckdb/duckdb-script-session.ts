import { randomUUID } from 'node:crypto'
import { QuarryFailure } from '../../../shared/contract'
import type { ScriptStatement } from '../../../shared/dialect/split-statements'
import type { EngineSession, RunEnd, StatementEvent, StatementStart } from '../engine-session'
import { duckdbError } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'

/**
 * The watchdog: how long an interrupted statement may take to stop before its host is killed.
 * DuckDB checks for interrupts between vectors (milliseconds); a statement still running after
 * this is stuck somewhere DuckDB does not check, and only ending its process frees the connection.
 */
export const INTERRUPT_GRACE_MS = 2_000

const noop = (): void => {}

/** Resolves true once `work` settles, false if `ms` pass first. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  const settled = work.then(
    () => true as const,
    () => true as const,
  )
  return Promise.race([settled, timedOut]).finally(() => clearTimeout(timer))
}

/**
 * A session inside the connection's host (one DuckDB connection, so a script's statements share
 * temp tables and transactions) as the script runner uses it. Pull-based: the host reads a batch
 * only when asked, one batch ahead of the consumer, so DuckDB computes while the consumer handles
 * the previous batch; memory stays bounded by two batches (plus the rest of one DuckDB chunk).
 */
export class DuckdbScriptSession implements EngineSession {
  /** The host-side session's id. */
  readonly id = randomUUID()
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(
    readonly host: DuckdbHostProcess,
    private readonly database: string | undefined,
  ) {}

  async *start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    const { host, id: session, database } = this
    const opened = await this.track(
      host.request('query.open', {
        session,
        sql: statement.sql,
        ...(database === undefined ? {} : { database }),
        ...(start.params ? { params: [...start.params] } : {}),
      }),
    )
    yield { kind: 'columns', columns: opened.columns }
    if (!opened.reader) {
      yield { kind: 'summary', affectedRows: opened.affectedRows }
      return
    }
    let index = 0
    const pull = () => this.track(host.request('query.next', { session, size: start.sizes(index++) }))
    let next = pull()
    for (;;) {
      const batch = await next
      if (!batch.done) next = pull()
      if (batch.count > 0) yield { kind: 'rows', rows: batch.rows, count: batch.count }
      if (batch.done) break
    }
    yield { kind: 'summary', affectedRows: null }
  }

  /** Interrupts the statement in DuckDB; resolves once it stopped, or its host was killed. */
  async interrupt(): Promise<void> {
    const { host } = this
    if (!host.alive) return
    await host.request('session.interrupt', { session: this.id }).catch(noop)
    const pending = Promise.allSettled([...this.inFlight])
    if (!(await settlesWithin(pending, INTERRUPT_GRACE_MS))) {
      host.kill(duckdbError('cancelled', 'Query cancelled: DuckDB did not stop, its host was ended'))
    }
  }

  /** An interrupted DuckDB connection is never reused. */
  async settle(end: RunEnd): Promise<boolean> {
    return !end.interrupted && this.host.alive
  }

  failure(error: unknown): QuarryFailure {
    if (error instanceof QuarryFailure) return error
    return new QuarryFailure(duckdbError('internal', error instanceof Error ? error.message : String(error)))
  }

  /** A host request of this session, remembered until it settles so an interrupt can wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work)
    work.then(noop, noop).finally(() => this.inFlight.delete(work))
    work.catch(noop) // a prefetch left behind by an early exit may fail unobserved
    return work
  }
}
