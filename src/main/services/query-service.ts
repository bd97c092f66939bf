import { firstRows } from '../../shared/contract'
import type { EngineId, EventPayloads, QuarryError, QueryOutcome } from '../../shared/contract'
import type { DriverConnection, ReadOnlyGuard } from '../drivers/driver'
import { adaptiveBatchPlan } from './batch-plan'
import { ClientJobs } from './client-jobs'
import type { ClientSink } from './client-sink'
import { CreditWindow } from './credit-window'
import { RowCap } from './row-cap'
import type { SessionLease } from './sessions/tab-sessions'
import { toQuarryError } from './to-quarry-error'
import { commandTag } from '../../shared/dialect/command-tag'
import { sqlDialectOf } from '../../shared/dialect/dangerous-statements'

/** Batches a client may hold unacknowledged before the read pauses. */
export const CREDIT_WINDOW = 4

export interface StartQuery {
  queryId: string
  sql: string
  /** Values of the statement's placeholders (a table query), sent apart from its text. */
  params?: readonly string[]
  database?: string
  /** The saved connection it runs on (for History). */
  connectionId?: string
  /** Safe mode: run read-only, the server refusing writes (see StreamOptions). */
  readOnlyGuard?: ReadOnlyGuard
  /** The editor tab's session to run on (taken when the run was accepted). */
  session?: Promise<SessionLease>
  /** Manual-commit mode: open a transaction first when none is open. */
  manualCommit?: boolean
  /** The grid row limit: at most this many rows are sent, then the run stops reading (null: none). */
  rowLimit?: number | null
  /** The columns of the rows already shown (a next page; see StreamOptions.knownColumns). */
  knownColumns?: readonly string[]
}

/** What the service keeps beside a running query: its flow control and its row limit. */
interface QueryJob {
  credit: CreditWindow
  cap: RowCap
}

/** How a run ended, for whoever records runs (History). */
export interface FinishedRun {
  request: StartQuery
  engine: EngineId
  startedAt: Date
  end: EventPayloads['query.end']
}

/**
 * Runs queries for clients: streams each result as batches pushed to its client, paced by the
 * client's acknowledgements, and cancels on request or when the client goes away.
 * Query ids are scoped per client, so one client can never touch another's queries.
 */
export class QueryService {
  private readonly jobs = new ClientJobs<QueryJob>('Query')

  /** `onFinished` hears of every run once it has ended (History records it). */
  constructor(private readonly onFinished?: (run: FinishedRun) => void) {}

  start(client: ClientSink, connection: Promise<DriverConnection>, engine: EngineId, request: StartQuery): void {
    const job: QueryJob = { credit: new CreditWindow(CREDIT_WINDOW), cap: new RowCap(request.rowLimit ?? null) }
    this.jobs.start(client, request.queryId, job, (signal) =>
      this.pump(client, connection, engine, request, signal, job),
    )
  }

  /** Cancels a running query; resolves once it has ended. False if it was not running. */
  cancel(client: ClientSink, queryId: string): Promise<boolean> {
    return this.jobs.cancel(client, queryId)
  }

  ack(client: ClientSink, queryId: string, seq: number): void {
    this.jobs.state(client, queryId)?.credit.ack(seq)
  }

  /** Changes a running query's row limit (it stops at its next batch if already past it). False if not running. */
  setRowLimit(client: ClientSink, queryId: string, rowLimit: number | null): boolean {
    const job = this.jobs.state(client, queryId)
    if (!job) return false
    job.cap.limit = rowLimit
    return true
  }

  get runningCount(): number {
    return this.jobs.size
  }

  /** Cancels everything (app shutdown). */
  cancelAll(): Promise<void> {
    return this.jobs.cancelAll()
  }

  private async pump(
    client: ClientSink,
    connectionPromise: Promise<DriverConnection>,
    engine: EngineId,
    request: StartQuery,
    signal: AbortSignal,
    { credit, cap }: QueryJob,
  ): Promise<void> {
    const { queryId } = request
    const startedAt = performance.now()
    const startedAtDate = new Date()
    let rowCount = 0
    let rowsRead = 0
    let affectedRows: number | null = null
    let outcome: QueryOutcome = 'done'
    let error: QuarryError | null = null
    let lease: SessionLease | null = null
    let statements = 0
    let stoppedAtLimit: number | undefined
    try {
      // Both settle before either failure is thrown: a lease taken is always released below.
      const [leased, connected] = await Promise.allSettled([request.session ?? null, connectionPromise])
      if (leased.status === 'rejected') throw leased.reason
      lease = leased.value
      if (connected.status === 'rejected') throw connected.reason
      const connection = connected.value
      if (lease && request.manualCommit) await lease.beginIfIdle()
      const stream = connection.stream(request.sql, {
        queryId,
        batchSize: cap.plan(adaptiveBatchPlan),
        signal: signal,
        ...(request.database ? { database: request.database } : {}),
        ...(request.params ? { params: request.params } : {}),
        ...(request.knownColumns ? { knownColumns: request.knownColumns } : {}),
        ...(request.readOnlyGuard ? { readOnlyGuard: request.readOnlyGuard } : {}),
        ...(lease?.held ? { session: lease.held.held } : {}),
      })
      let index = -1
      let statementRows = 0
      let statementColumns = 0
      let statementSql = ''
      const dialect = sqlDialectOf(engine)
      for await (const item of stream) {
        if (cap.reached) break // lowered while running, below what was already sent
        switch (item.kind) {
          case 'statement':
            index = item.index
            statementRows = 0
            statementColumns = 0
            statementSql = item.sql
            statements++
            cap.statementStarted()
            client.emit('query.statement', { queryId, index, offset: item.offset, sql: item.sql })
            break
          case 'columns':
            statementColumns = item.columns.length
            client.emit('query.columns', { queryId, index, columns: item.columns })
            break
          case 'rows': {
            rowsRead += item.count
            const count = cap.admit(item.count)
            if (count === 0) break
            const rows = count < item.count ? firstRows(item.rows, count) : item.rows
            rowCount += count
            statementRows += count
            client.emit('query.batch', { queryId, index, seq: credit.next(), count, rows })
            await credit.ready(signal)
            break
          }
          case 'summary': {
            affectedRows = item.affectedRows
            const count = item.affectedRows ?? (statementColumns > 0 ? statementRows : null)
            const command = item.command ?? (dialect ? commandTag(statementSql, dialect, count) : null)
            const messages = item.messages ?? []
            client.emit('query.summary', { queryId, index, rowCount: statementRows, affectedRows, command, messages })
            break
          }
        }
        if (signal.aborted || cap.reached) break
      }
      if (signal.aborted) outcome = 'cancelled'
      // Leaving the loop early closed the stream: the engine stops and nothing more is read.
      else if (cap.reached) stoppedAtLimit = cap.rowsSent
    } catch (thrown) {
      error = toQuarryError(thrown, engine)
      outcome = signal.aborted || error.kind === 'cancelled' ? 'cancelled' : 'error'
      if (outcome === 'cancelled') error = null
    }
    const session = lease ? await lease.release(statements) : undefined
    const elapsedMs = Math.round(performance.now() - startedAt)
    const end: EventPayloads['query.end'] = {
      queryId,
      outcome,
      rowCount,
      affectedRows,
      elapsedMs,
      error,
      rowsRead,
      ...(stoppedAtLimit === undefined ? {} : { stoppedAtLimit }),
      ...(session ? { session } : {}),
    }
    client.emit('query.end', end)
    this.onFinished?.({ request, engine, startedAt: startedAtDate, end })
  }
}
