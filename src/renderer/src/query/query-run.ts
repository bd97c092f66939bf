import { AckPacer } from './ack-pacer'
import { firstRows } from '../../../shared/contract'
import type { EventMessage, QuarryError, Result, SessionState, TablePage, TableQuery } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { defaultScheduler, pacedScheduler } from '../grid/change-scheduler'
import type { Scheduler } from '../grid/change-scheduler'
import {
  batchBytes,
  crossedLimit,
  loadGridLimits,
  onRowLimitChange,
  rowsAdmitted,
  type GridLimits,
  type LimitStop,
} from './grid-limits'
import type { QueryEventRouter } from './query-events'
import { REPAINT_MS, ResultSet } from './result-set'
import { nextPage, type PageState } from './table-paging'

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'

/** A snapshot of a run's status for the UI (rows live in each result's RowStore, not here). */
export interface RunState {
  status: RunStatus
  sql: string
  /** Values of the statement's placeholders (a table query, as main built it). */
  params: readonly string[]
  /** Rows of all results so far. */
  rowCount: number
  elapsedMs: number
  error: QuarryError | null
  /** One per statement that started, in order. */
  results: readonly ResultSet[]
  /** The result shown; null follows the newest. */
  selected: number | null
  /** Set when the run was stopped because the grid reached its row limit or memory budget. */
  limited: LimitStop | null
  /** A table read by pages (see startTable): how it pages and whether more rows are left. */
  page: PageState | null
  /**
   * What main reported at the end of the run (summed over a table's pages): rows it sent, and rows
   * it took from the driver (under a grid limit at most the limit plus one batch). Shown on the status line.
   */
  server: { sent: number; read: number }
}

const initial: RunState = {
  status: 'idle',
  sql: '',
  params: [],
  rowCount: 0,
  elapsedMs: 0,
  error: null,
  results: [],
  selected: null,
  limited: null,
  page: null,
  server: { sent: 0, read: 0 },
}

/**
 * One result area's run of a script: starts it, feeds each statement's batches into its result's
 * RowStore, acknowledges each batch once stored (which paces the server), ticks elapsed time while
 * running, and cancels.
 */
export class QueryRun {
  private state: RunState = initial
  private readonly listeners = new Set<() => void>()
  private queryId: string | null = null
  private startedAt = 0
  private ticker: ReturnType<typeof setInterval> | null = null
  private unregister: (() => void) | null = null
  private cancelNotify: (() => void) | null = null
  private limits: GridLimits = loadGridLimits()
  /** Hears the tab session's state main reports at the end of each run. */
  onSession: ((state: SessionState) => void) | null = null
  private heldBytes = 0
  /** The running query's acknowledgements (paced while the user scrolls a grid). */
  private acks: AckPacer | null = null
  /** The table query being paged (`columnsFromRows`: documents), and the rows the running page has brought. */
  private paged: { query: TableQuery; database?: string; columnsFromRows: boolean } | null = null
  private pageRows = 0
  /** The running query continues the first result (a next page) rather than starting results. */
  private continuing = false
  private readonly stopWatchingLimit: () => void

  constructor(
    private readonly client: QuarryClient,
    private readonly router: QueryEventRouter,
    private readonly connectionId: string,
    /** How listeners are notified: paced while batches stream, on the next frame when urgent. */
    private readonly schedule: Scheduler = pacedScheduler(REPAINT_MS),
    private readonly urgentSchedule: Scheduler = defaultScheduler,
  ) {
    this.stopWatchingLimit = onRowLimitChange((limit) => this.changeRowLimit(limit))
  }

  getState = (): RunState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The result on screen: the one picked, else the newest. */
  get current(): ResultSet | null {
    const { results, selected } = this.state
    return (selected === null ? results.at(-1) : results[selected]) ?? null
  }

  select(index: number): void {
    this.set({ selected: index })
  }

  /**
   * `confirmedDangerous`: the user confirmed the script's dangerous statements (safe mode, lexer
   * engines); `confirmedWrite`: the statement the server refused that the user confirmed (it starts `sql`).
   */
  async start(
    sql: string,
    options: {
      database?: string
      confirmedDangerous?: boolean
      confirmedWrite?: string
      /** The tab's session (see query.start) and its commit mode. */
      sessionId?: string
      manualCommit?: boolean
    } = {},
  ): Promise<void> {
    await this.launch(sql, (queryId) =>
      this.client.call('query.start', {
        connectionId: this.connectionId,
        queryId,
        sql,
        rowLimit: this.limits.rowLimit,
        ...options,
      }),
    )
  }

  /**
   * A table's Data view: main builds its statement (shown in `sql` and `params` once main answers).
   * With `pageSize`, only the first page; loadMore() appends the next ones to the same result.
   * `columnsFromRows` (documents): each next page names the columns loaded, which it keeps in place.
   */
  async startTable(
    query: TableQuery,
    options: { database?: string; pageSize?: number; columnsFromRows?: boolean } = {},
  ): Promise<void> {
    const { pageSize, columnsFromRows = false, ...rest } = options
    this.paged = pageSize ? { query, ...rest, columnsFromRows } : null
    await this.launch('', (queryId) => this.callTable(queryId, query, rest, pageSize ? { size: pageSize } : undefined))
  }

  /**
   * The next page of a paged table (`size` rows, or every row left with null: Fetch all), appended
   * to the rows loaded. Nothing happens while a page runs or when no rows are left.
   */
  async loadMore(size: number | null): Promise<void> {
    const { page, status, results } = this.state
    const result = results[0]
    if (!this.paged || !page?.more || status === 'running' || !result) return
    const { query, columnsFromRows, ...options } = this.paged
    const next = nextPage(page, result.store, size, columnsFromRows)
    if (!next) return
    this.set({ page: { ...page, loading: size === null ? 'all' : 'page' } }, true)
    await this.launch('', (queryId) => this.callTable(queryId, query, options, next), true)
  }

  private async callTable(
    queryId: string,
    query: TableQuery,
    options: { database?: string },
    page: TablePage | undefined,
  ): Promise<Result<unknown>> {
    const left = this.limits.rowLimit === null ? null : this.limits.rowLimit - this.state.rowCount
    const result = await this.client.call('table.query', {
      connectionId: this.connectionId,
      queryId,
      query,
      rowLimit: left === null ? null : Math.max(1, left),
      ...options,
      ...(page ? { page } : {}),
    })
    if (result.ok && this.queryId === queryId) {
      const info = result.value.page
      const paging =
        page && info ? { info, size: page.size, more: false, loading: this.state.page?.loading ?? null } : null
      this.set({ sql: result.value.sql, params: result.value.params, page: paging }, true)
    }
    return result
  }

  private async launch(
    sql: string,
    call: (queryId: string) => Promise<Result<unknown>>,
    continuing = false,
  ): Promise<void> {
    if (this.state.status === 'running') await this.cancel()
    const queryId = crypto.randomUUID()
    this.queryId = queryId
    this.limits = loadGridLimits()
    this.continuing = continuing
    this.pageRows = 0
    this.startedAt = performance.now()
    if (continuing) {
      this.set({ status: 'running', error: null, elapsedMs: 0 })
    } else {
      this.heldBytes = 0
      this.set({ ...initial, status: 'running', sql })
    }
    this.unregister?.()
    this.acks?.clear()
    this.acks = new AckPacer((seq) => void this.client.call('query.ack', { queryId, seq }))
    this.unregister = this.router.register(queryId, (message) => this.onEvent(queryId, message))
    this.ticker = setInterval(() => this.set({ elapsedMs: Math.round(performance.now() - this.startedAt) }), 100)
    const result = await call(queryId)
    if (!result.ok && this.queryId === queryId) this.finish({ status: 'error', error: result.error })
  }

  async cancel(): Promise<void> {
    if (this.state.status !== 'running' || !this.queryId) return
    const result = await this.client.call('query.cancel', { queryId: this.queryId })
    if (!result.ok) this.finish({ status: 'error', error: result.error })
  }

  /**
   * The user picked another row limit: a running query applies it at once (main stops reading
   * there), and rows already held beyond it are dropped, so the grid never shows more than it.
   */
  private changeRowLimit(limit: number | null): void {
    this.limits = { ...this.limits, rowLimit: limit }
    if (this.state.status !== 'running' || !this.queryId) return
    // Main counts the running query's rows only: a table's next page (or Fetch all) is told what
    // is left under the limit after the rows loaded before it, else it would send the limit again.
    const before = this.state.rowCount - this.pageRows
    const rest = limit === null ? null : Math.max(1, limit - before)
    void this.client.call('query.limit', { queryId: this.queryId, rowLimit: rest })
    if (limit === null || this.state.rowCount <= limit) return
    let left = limit
    for (const result of this.state.results) {
      result.store.truncate(left)
      result.rowCount = Math.min(result.rowCount, left)
      left -= result.rowCount
    }
    this.pageRows = Math.max(0, limit - before)
    this.set({ rowCount: limit, results: [...this.state.results] }, true)
  }

  dispose(): void {
    this.acks?.clear()
    this.stopWatchingLimit()
    void this.cancel()
    this.stopTicker()
    this.unregister?.()
    this.listeners.clear()
  }

  private onEvent(queryId: string, message: EventMessage): void {
    if (queryId !== this.queryId) return
    const results = this.state.results
    switch (message.event) {
      case 'query.statement': {
        const { index, sql, offset } = message.payload
        // A next page continues the result on screen.
        if (this.continuing && results[index]) results[index].done = false
        else this.set({ results: [...results, new ResultSet(index, sql, offset)] }, true)
        break
      }
      case 'query.columns': {
        const result = results[message.payload.index]
        if (!result) break
        // A next page's columns are those loaded, then any new fields its documents bring.
        if (this.continuing && result.store.columns.length >= message.payload.columns.length) break
        result.columns = message.payload.columns
        // A document engine sends the columns again, longer, when a batch brings new fields.
        if (result.store.rowCount > 0) result.store.appendColumns(message.payload.columns)
        else result.store.setColumns(message.payload.columns)
        this.set({ results: [...results] }, true)
        break
      }
      case 'query.batch': {
        const { index, seq } = message.payload
        this.acks?.ack(seq)
        // Main stops at the row limit; this only drops what was in flight when the user lowered it.
        const count = rowsAdmitted(this.limits.rowLimit, this.state.rowCount, message.payload.count)
        if (count === 0) break
        const rows = count < message.payload.count ? firstRows(message.payload.rows, count) : message.payload.rows
        const result = results[index]
        const first = result?.rowCount === 0
        if (result) {
          result.store.append(rows, count)
          result.rowCount += count
        }
        this.pageRows += count
        this.set({ rowCount: this.state.rowCount + count }, first)
        this.heldBytes += batchBytes(rows)
        // The memory budget is the renderer's own: it cancels the run on the server.
        const memory = { rowLimit: null, byteBudget: this.limits.byteBudget }
        const limited = this.state.limited ? null : crossedLimit(memory, this.state.rowCount, this.heldBytes)
        if (limited) {
          this.set({ limited })
          void this.cancel()
        }
        break
      }
      case 'query.summary': {
        const result = results[message.payload.index]
        if (!result) break
        result.done = true
        result.affectedRows = message.payload.affectedRows
        result.command = message.payload.command
        result.messages = message.payload.messages
        this.set({ results: [...results] }, true)
        break
      }
      case 'query.end': {
        this.acks?.clear()
        const { outcome, rowCount, elapsedMs, error, stoppedAtLimit, session, rowsRead } = message.payload
        if (session) this.onSession?.(session)
        const { sent, read } = this.state.server
        this.set({ server: { sent: sent + rowCount, read: read + (rowsRead ?? 0) } })
        // A full page may have more rows after it; a short one (or Fetch all) was the last.
        const { page } = this.state
        const paging = page && {
          page: {
            ...page,
            more: outcome === 'done' ? page.size !== null && this.pageRows >= page.size : page.more,
            loading: null,
          },
        }
        if (stoppedAtLimit === undefined) {
          const total = this.continuing ? this.state.rowCount : rowCount
          this.finish({ status: outcome, rowCount: total, elapsedMs, error, ...paging })
          break
        }
        // Stopped at the row limit: the rows held are exactly the limit (or fewer, if it was lowered later).
        const limit = this.limits.rowLimit ?? stoppedAtLimit
        const last = page && { page: { ...page, more: false, loading: null } }
        this.finish({ status: outcome, elapsedMs, error, limited: { reason: 'rows', limit }, ...last })
        break
      }
    }
  }

  private finish(patch: Partial<RunState>): void {
    this.stopTicker()
    this.unregister?.()
    this.unregister = null
    this.set({ elapsedMs: Math.round(performance.now() - this.startedAt), ...patch }, true)
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }

  /**
   * Updates the state and notifies listeners: bursts of batches coalesce into one render per
   * repaint interval, but `urgent` changes (a result starts, its first rows, the end) render on
   * the next frame, so the first rows never wait out the pacing.
   */
  private set(patch: Partial<RunState>, urgent = false): void {
    this.state = { ...this.state, ...patch }
    if (this.cancelNotify && !urgent) return
    this.cancelNotify?.()
    this.cancelNotify = (urgent ? this.urgentSchedule : this.schedule)(() => {
      this.cancelNotify = null
      for (const listener of this.listeners) listener()
    })
  }
}
