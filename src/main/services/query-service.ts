import { QuarryFailure } from '../../shared/contract'
import type { EngineId, EventPayloads, QuarryError, QueryOutcome } from '../../shared/contract'
import type { DriverConnection } from '../drivers/driver'
import { adaptiveBatchPlan } from './batch-plan'
import type { ClientSink } from './client-sink'
import { CreditWindow } from './credit-window'
import { toQuarryError } from './to-quarry-error'

/** Batches a client may hold unacknowledged before the read pauses. */
export const CREDIT_WINDOW = 4

interface RunningQuery {
  controller: AbortController
  credit: CreditWindow
  finished: Promise<void>
}

export interface StartQuery {
  queryId: string
  sql: string
  database?: string
  /** The saved connection it runs on (for History). */
  connectionId?: string
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
  private readonly running = new Map<string, RunningQuery>()
  private readonly watched = new WeakSet<ClientSink>()

  /** `onFinished` hears of every run once it has ended (History records it). */
  constructor(private readonly onFinished?: (run: FinishedRun) => void) {}

  start(client: ClientSink, connection: Promise<DriverConnection>, engine: EngineId, request: StartQuery): void {
    const key = keyOf(client, request.queryId)
    if (this.running.has(key)) {
      throw new QuarryFailure({ kind: 'invalid-input', message: `Query ${request.queryId} is already running` })
    }
    this.watch(client)
    const controller = new AbortController()
    const credit = new CreditWindow(CREDIT_WINDOW)
    const entry: RunningQuery = { controller, credit, finished: Promise.resolve() }
    this.running.set(key, entry)
    entry.finished = this.pump(client, connection, engine, request, entry).finally(() => this.running.delete(key))
  }

  /** Cancels a running query; resolves once it has ended. False if it was not running. */
  async cancel(client: ClientSink, queryId: string): Promise<boolean> {
    const entry = this.running.get(keyOf(client, queryId))
    if (!entry) return false
    entry.controller.abort()
    await entry.finished
    return true
  }

  ack(client: ClientSink, queryId: string, seq: number): void {
    this.running.get(keyOf(client, queryId))?.credit.ack(seq)
  }

  get runningCount(): number {
    return this.running.size
  }

  /** Cancels everything (app shutdown). */
  async cancelAll(): Promise<void> {
    const entries = [...this.running.values()]
    for (const entry of entries) entry.controller.abort()
    await Promise.allSettled(entries.map((entry) => entry.finished))
  }

  private watch(client: ClientSink): void {
    if (this.watched.has(client)) return
    this.watched.add(client)
    client.onClose(() => {
      for (const [key, entry] of this.running) if (key.startsWith(`${client.id}\u0000`)) entry.controller.abort()
    })
  }

  private async pump(
    client: ClientSink,
    connectionPromise: Promise<DriverConnection>,
    engine: EngineId,
    request: StartQuery,
    { controller, credit }: RunningQuery,
  ): Promise<void> {
    const { queryId } = request
    const startedAt = performance.now()
    const startedAtDate = new Date()
    let rowCount = 0
    let affectedRows: number | null = null
    let outcome: QueryOutcome = 'done'
    let error: QuarryError | null = null
    try {
      const connection = await connectionPromise
      const stream = connection.stream(request.sql, {
        queryId,
        batchSize: adaptiveBatchPlan,
        signal: controller.signal,
        ...(request.database ? { database: request.database } : {}),
      })
      let index = -1
      let statementRows = 0
      for await (const item of stream) {
        switch (item.kind) {
          case 'statement':
            index = item.index
            statementRows = 0
            client.emit('query.statement', { queryId, index, offset: item.offset, sql: item.sql })
            break
          case 'columns':
            client.emit('query.columns', { queryId, index, columns: item.columns })
            break
          case 'rows':
            rowCount += item.count
            statementRows += item.count
            client.emit('query.batch', { queryId, index, seq: credit.next(), count: item.count, rows: item.rows })
            await credit.ready(controller.signal)
            break
          case 'summary':
            affectedRows = item.affectedRows
            client.emit('query.summary', { queryId, index, rowCount: statementRows, affectedRows })
            break
        }
        if (controller.signal.aborted) break
      }
      if (controller.signal.aborted) outcome = 'cancelled'
    } catch (thrown) {
      error = toQuarryError(thrown, engine)
      outcome = controller.signal.aborted || error.kind === 'cancelled' ? 'cancelled' : 'error'
      if (outcome === 'cancelled') error = null
    }
    const elapsedMs = Math.round(performance.now() - startedAt)
    const end = { queryId, outcome, rowCount, affectedRows, elapsedMs, error }
    client.emit('query.end', end)
    this.onFinished?.({ request, engine, startedAt: startedAtDate, end })
  }
}

const keyOf = (client: ClientSink, queryId: string): string => `${client.id}\u0000${queryId}`
