import { randomUUID } from 'node:crypto'
import { decodeRows, QuarryFailure } from '../../shared/contract'
import type { EngineId, ExportFormat, ExportOutcome, QuarryError } from '../../shared/contract'
import type { DriverConnection } from '../drivers/driver'
import type { ClientSink } from './client-sink'
import { createFormatter, type ExportFormatter } from './export/export-formatters'
import { FileSink } from './export/file-sink'
import { toQuarryError } from './to-quarry-error'

/** Rows read from the engine per batch while exporting. */
export const EXPORT_BATCH_ROWS = 5_000
/** Least time between two progress events of one export. */
export const PROGRESS_INTERVAL_MS = 100

export interface StartExport {
  queryId: string
  sql: string
  database?: string
  format: ExportFormat
  /** The final file; written under a temporary name beside it first. */
  path: string
  /** Quoted table name for SQL INSERT, or null for a placeholder. */
  table: string | null
}

interface RunningExport {
  controller: AbortController
  finished: Promise<void>
}

/**
 * Exports whole results to files: re-runs the statement and streams its rows from the driver
 * straight into a file in main. The driver's stream is pull-based and each batch waits for the
 * file to drain before the next is read, so memory stays constant for any row count. Only the
 * first result of the text is exported (the renderer sends the one statement it shows).
 */
export class ExportService {
  private readonly running = new Map<string, RunningExport>()
  private readonly watched = new WeakSet<ClientSink>()

  start(client: ClientSink, connection: Promise<DriverConnection>, engine: EngineId, request: StartExport): void {
    const key = keyOf(client, request.queryId)
    if (this.running.has(key)) {
      throw new QuarryFailure({ kind: 'invalid-input', message: `Export ${request.queryId} is already running` })
    }
    this.watch(client)
    const entry: RunningExport = { controller: new AbortController(), finished: Promise.resolve() }
    this.running.set(key, entry)
    entry.finished = this.pump(client, connection, engine, request, entry.controller.signal).finally(() =>
      this.running.delete(key),
    )
  }

  async cancel(client: ClientSink, queryId: string): Promise<boolean> {
    const entry = this.running.get(keyOf(client, queryId))
    if (!entry) return false
    entry.controller.abort()
    await entry.finished
    return true
  }

  get runningCount(): number {
    return this.running.size
  }

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
    request: StartExport,
    signal: AbortSignal,
  ): Promise<void> {
    const { queryId, path } = request
    const startedAt = performance.now()
    let rowsWritten = 0
    let sink: FileSink | null = null
    let outcome: ExportOutcome = 'done'
    let error: QuarryError | null = null
    let lastProgress = 0
    const progress = (force = false) => {
      const now = performance.now()
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return
      lastProgress = now
      client.emit('export.progress', { queryId, rowsWritten, bytesWritten: sink?.bytesWritten ?? 0 })
    }
    try {
      const connection = await connectionPromise
      sink = await FileSink.open(path)
      let formatter: ExportFormatter | null = null
      const stream = connection.stream(request.sql, {
        queryId: `export-${randomUUID()}`,
        batchSize: EXPORT_BATCH_ROWS,
        signal,
        ...(request.database ? { database: request.database } : {}),
      })
      for await (const item of stream) {
        if (signal.aborted) break
        if (item.kind === 'columns' && !formatter && item.columns.length > 0) {
          formatter = createFormatter(request.format, item.columns, { engine, table: request.table })
          await sink.write(formatter.begin())
        } else if (item.kind === 'rows' && formatter) {
          await sink.write(formatter.rows(decodeRows(item.rows)))
          rowsWritten += item.count
          progress()
        } else if (item.kind === 'summary' && formatter) {
          break // The first result is complete; later statements of the text are not run.
        }
      }
      if (signal.aborted) throw new QuarryFailure({ kind: 'cancelled', message: 'Export cancelled' })
      if (!formatter) {
        throw new QuarryFailure({ kind: 'invalid-input', message: 'The statement returned no rows to export', engine })
      }
      await sink.write(formatter.end())
      await sink.commit()
      progress(true)
    } catch (thrown) {
      error = toQuarryError(thrown, engine)
      outcome = signal.aborted || error.kind === 'cancelled' ? 'cancelled' : 'error'
      if (outcome === 'cancelled') error = null
      await sink?.discard()
    }
    const elapsedMs = Math.round(performance.now() - startedAt)
    const bytesWritten = sink?.bytesWritten ?? 0
    client.emit('export.end', { queryId, outcome, rowsWritten, bytesWritten, path, elapsedMs, error })
  }
}

const keyOf = (client: ClientSink, queryId: string): string => `${client.id}\u0000${queryId}`
