import type { QuarryError, ResultColumn } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { pacedScheduler } from '../grid/change-scheduler'
import type { Scheduler } from '../grid/change-scheduler'
import { RowStore } from '../grid/row-store'
import type { QueryEventRouter } from './query-events'

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'

/** A snapshot of a run's status for the UI (rows live in the RowStore, not here). */
export interface RunState {
  status: RunStatus
  sql: string
  rowCount: number
  affectedRows: number | null
  elapsedMs: number
  columns: ResultColumn[]
  error: QuarryError | null
}

const initial: RunState = {
  status: 'idle',
  sql: '',
  rowCount: 0,
  affectedRows: null,
  elapsedMs: 0,
  columns: [],
  error: null,
}

/**
 * One result area's query: starts it, feeds batches into its RowStore, acknowledges each batch
 * once stored (which paces the server), ticks elapsed time while running, and cancels.
 */
/** Repaints of a streaming result: about 10 a second, the first at once. */
const REPAINT_MS = 100

export class QueryRun {
  private readonly schedule: Scheduler = pacedScheduler(REPAINT_MS)
  readonly store = new RowStore(pacedScheduler(REPAINT_MS))
  private state: RunState = initial
  private readonly listeners = new Set<() => void>()
  private queryId: string | null = null
  private startedAt = 0
  private ticker: ReturnType<typeof setInterval> | null = null
  private unregister: (() => void) | null = null
  private cancelNotify: (() => void) | null = null

  constructor(
    private readonly client: QuarryClient,
    private readonly router: QueryEventRouter,
    private readonly connectionId: string,
  ) {}

  getState = (): RunState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(sql: string): Promise<void> {
    if (this.state.status === 'running') await this.cancel()
    const queryId = crypto.randomUUID()
    this.queryId = queryId
    this.store.clear()
    this.startedAt = performance.now()
    this.set({ ...initial, status: 'running', sql })
    this.unregister?.()
    this.unregister = this.router.register(queryId, (message) => this.onEvent(queryId, message))
    this.ticker = setInterval(() => this.set({ elapsedMs: Math.round(performance.now() - this.startedAt) }), 100)
    const result = await this.client.call('query.start', { connectionId: this.connectionId, queryId, sql })
    if (!result.ok && this.queryId === queryId) this.finish({ status: 'error', error: result.error })
  }

  async cancel(): Promise<void> {
    if (this.state.status !== 'running' || !this.queryId) return
    const result = await this.client.call('query.cancel', { queryId: this.queryId })
    if (!result.ok) this.finish({ status: 'error', error: result.error })
  }

  dispose(): void {
    void this.cancel()
    this.stopTicker()
    this.unregister?.()
    this.listeners.clear()
  }

  private onEvent(queryId: string, message: Parameters<Parameters<QueryEventRouter['register']>[1]>[0]): void {
    if (queryId !== this.queryId) return
    switch (message.event) {
      case 'query.columns':
        this.store.setColumns(message.payload.columns)
        this.set({ columns: message.payload.columns })
        break
      case 'query.batch':
        this.store.append(message.payload.rows, message.payload.count)
        void this.client.call('query.ack', { queryId, seq: message.payload.seq })
        this.set({ rowCount: this.state.rowCount + message.payload.count })
        break
      case 'query.end': {
        const { outcome, rowCount, affectedRows, elapsedMs, error } = message.payload
        this.finish({ status: outcome, rowCount, affectedRows, elapsedMs, error })
        break
      }
    }
  }

  private finish(patch: Partial<RunState>): void {
    this.stopTicker()
    this.unregister?.()
    this.unregister = null
    this.set({ elapsedMs: Math.round(performance.now() - this.startedAt), ...patch })
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }

  private set(patch: Partial<RunState>): void {
    this.state = { ...this.state, ...patch }
    // Coalesce bursts of batches into one render per repaint interval.
    if (this.cancelNotify) return
    this.cancelNotify = this.schedule(() => {
      this.cancelNotify = null
      for (const listener of this.listeners) listener()
    })
  }
}
