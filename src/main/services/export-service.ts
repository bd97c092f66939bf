import { randomUUID } from 'node:crypto'
import { decodeRows, EXPORT_FORMAT_INFO, QuarryFailure, WRITE_REFUSED_CODE } from '../../shared/contract'
import type { CsvOptions, EngineId, ExportFormat, ExportOutcome, QuarryError, SqlOptions } from '../../shared/contract'
import type { DriverConnection, ReadOnlyGuard } from '../drivers/driver'
import { ClientJobs } from './client-jobs'
import type { ClientSink } from './client-sink'
import type { ExportSink } from './export/download-sink'
import { FileSink, type FileSinkOptions } from './export/file-sink'
import { createResultWriter } from './export/result-writers'
import { toQuarryError } from './to-quarry-error'

/** Rows read from the engine per batch while exporting. */
export const EXPORT_BATCH_ROWS = 5_000
/** Least time between two progress events of one export. */
export const PROGRESS_INTERVAL_MS = 100

export interface StartExport {
  queryId: string
  sql: string
  /** Values of the statement's placeholders (a table Data view's query). */
  params?: readonly string[]
  database?: string
  format: ExportFormat
  /** The final file; written under a temporary name beside it first. */
  path: string
  /** Quoted table name for SQL INSERT, or null: the table the result's columns come from, else a placeholder. */
  table: string | null
  /** Format options (absent: the defaults). */
  options?: { csv?: CsvOptions; sql?: SqlOptions }
  /** Replace a file at `path`; without it, a file that appears there during the export is kept and the export fails. */
  overwrite?: boolean
  /** Runs the statement read-only: one the server refuses as a write is not run again. */
  readOnlyGuard?: ReadOnlyGuard
  /** The sheet of a single-result XLSX export (the table's name); absent: the result's table, else "Result". */
  sheetName?: string
  /** Every result of the script: one file each, numbered (`path` with -1, -2… before its extension), or for XLSX one sheet each in one workbook. */
  allResults?: boolean
  /** With `allResults` in a text format: one .zip at `path` holding a file per result (name-1.csv, name-2.csv…). */
  archive?: boolean
  /** A browser download instead of a file (`path` is then its file name): opens its sink. */
  download?: (onFailure: (failure: unknown) => void) => ExportSink
}

/** `/dir/name.csv` → `/dir/name-2.csv` (no extension: `/dir/name-2`). */
export function numberedPath(path: string, n: number): string {
  const dot = path.lastIndexOf('.')
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return dot > slash + 1 ? `${path.slice(0, dot)}-${n}${path.slice(dot)}` : `${path}-${n}`
}

/** The file of result n inside a .zip at `path`: `/dir/script.zip` → `script-2.csv`. */
export function archiveEntryName(path: string, format: ExportFormat, n: number): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).replace(/\.zip$/i, '')
  return `${base || 'result'}-${n}.${EXPORT_FORMAT_INFO[format].extension}`
}

/** Where an export's files go: the journal of exports in progress, and (tests) the stream's file system. */
export type ExportFiles = Pick<FileSinkOptions, 'journal' | 'fs'>

/** Says why a statement that writes is not exported (it was not run again; nothing changed). */
const NOT_RERUN =
  'Export runs the statement again, and runs only what the server accepts as read-only: this one writes, so it was not run again and nothing was changed. Copy the rows shown in the grid instead'

/**
 * Exports whole results to files: re-runs the statement and streams its rows from the driver
 * straight into a file in main. The driver's stream is pull-based and each batch waits for the
 * file to drain before the next is read, so memory stays constant for any row count. The first
 * result of the text is exported (the renderer sends the one statement it shows), or with
 * `allResults` every result of a script, one file each.
 */
export class ExportService {
  private readonly jobs = new ClientJobs('Export')

  constructor(private readonly files: ExportFiles = {}) {}

  start(client: ClientSink, connection: Promise<DriverConnection>, engine: EngineId, request: StartExport): void {
    this.jobs.start(client, request.queryId, undefined, (signal) =>
      this.pump(client, connection, engine, request, signal),
    )
  }

  cancel(client: ClientSink, queryId: string): Promise<boolean> {
    return this.jobs.cancel(client, queryId)
  }

  get runningCount(): number {
    return this.jobs.size
  }

  cancelAll(): Promise<void> {
    return this.jobs.cancelAll()
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
    let results = 0
    let sinks: readonly ExportSink[] = []
    const bytes = () => sinks.reduce((sum, sink) => sum + sink.bytesWritten, 0)
    let outcome: ExportOutcome = 'done'
    let error: QuarryError | null = null
    let lastProgress = 0
    const progress = (force = false) => {
      const now = performance.now()
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return
      lastProgress = now
      client.emit('export.progress', { queryId, rowsWritten, bytesWritten: bytes() })
    }
    // Stops the export on cancel, and also as soon as the file fails (disk full) even while the
    // server is still working on the next batch: the driver cancels its query and frees its session.
    const run = new AbortController()
    const stop = (): void => run.abort(signal.reason)
    signal.addEventListener('abort', stop, { once: true })
    // XLSX writes one workbook (a sheet per result); other formats one file per result with
    // `allResults` (name-1.csv, name-2.csv…), or one .zip of them with `archive`, else the first
    // result only. Every file stays under its temporary name until all are complete, so a failure leaves none.
    const onFailure = (failure: unknown) => run.abort(failure)
    const { download } = request
    const archive = request.allResults === true && request.archive === true && request.format !== 'xlsx'
    const oneFile = !request.allResults || request.format === 'xlsx' || archive
    const openSink = async (target: string): Promise<ExportSink> =>
      download
        ? download(onFailure)
        : FileSink.open(target, { ...this.files, overwrite: request.overwrite ?? false, onFailure })
    try {
      const connection = await connectionPromise
      const initial = oneFile ? await openSink(path) : undefined // a bad path fails before the query runs
      const writer = createResultWriter({
        format: request.format,
        formatter: { engine, table: request.table, ...request.options },
        open: (n) => openSink(numberedPath(path, n)),
        ...(request.sheetName ? { sheetName: request.sheetName } : {}),
        allResults: request.allResults ?? false,
        signal: run.signal,
        ...(initial ? { initial } : {}),
        ...(archive ? { archiveEntry: (n: number) => archiveEntryName(path, request.format, n) } : {}),
      })
      sinks = writer.sinks
      let open = false
      const stream = connection.stream(request.sql, {
        queryId: `export-${randomUUID()}`,
        batchSize: EXPORT_BATCH_ROWS,
        signal: run.signal,
        ...(request.database ? { database: request.database } : {}),
        ...(request.params ? { params: request.params } : {}),
        ...(request.readOnlyGuard ? { readOnlyGuard: request.readOnlyGuard } : {}),
      })
      for await (const item of stream) {
        if (run.signal.aborted) break
        if (item.kind === 'columns' && !open && item.columns.length > 0) {
          results++
          await writer.begin(item.columns, results)
          open = true
        } else if (item.kind === 'rows' && open) {
          await writer.rows(decodeRows(item.rows))
          rowsWritten += item.count
          progress()
        } else if (item.kind === 'summary' && open) {
          await writer.end()
          open = false
          if (!request.allResults) break // The first result is complete; later statements are not run.
        }
      }
      if (run.signal.aborted) throw run.signal.reason
      if (results === 0) {
        throw new QuarryFailure({ kind: 'invalid-input', message: 'The statement returned no rows to export', engine })
      }
      await writer.finish()
      for (const done of sinks) await done.commit(run.signal)
      progress(true)
    } catch (thrown) {
      // A failed file is the cause, whatever the driver threw after it stopped (its query cancelled).
      const fileFailure = run.signal.aborted && !signal.aborted ? run.signal.reason : null
      error = toQuarryError(fileFailure ?? thrown, engine)
      if (error.code === WRITE_REFUSED_CODE) error = { ...error, message: `${NOT_RERUN} (${error.message})` }
      outcome = signal.aborted || error.kind === 'cancelled' ? 'cancelled' : 'error'
      if (outcome === 'cancelled') error = null
      for (const failed of sinks) await failed.discard()
    } finally {
      signal.removeEventListener('abort', stop)
    }
    const elapsedMs = Math.round(performance.now() - startedAt)
    const files = request.allResults && !oneFile && outcome === 'done' ? { files: sinks.map((done) => done.path) } : {}
    client.emit('export.end', {
      queryId,
      outcome,
      rowsWritten,
      bytesWritten: bytes(),
      path,
      elapsedMs,
      error,
      ...files,
    })
  }
}
