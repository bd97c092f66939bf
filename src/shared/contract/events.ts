import type { QuarryError } from './errors'
import type { ExportOutcome } from './export-formats'
import type { ImportProgress, ImportResult } from './import-model'
import type { ResultColumn } from './model'
import type { ServerMessage, SessionState } from './session-model'
import type { EncodedRows } from './row-batch'

export type QueryOutcome = 'done' | 'cancelled' | 'error'

/**
 * Events pushed from main to one client, keyed by query id. A script yields, per statement (by
 * its 0-based `index`): statement, columns, batches, summary; then one end for the whole run.
 */
export interface EventPayloads {
  /** A statement of the script starts; `offset` is where it starts in the script's text. */
  'query.statement': { queryId: string; index: number; offset: number; sql: string }
  /**
   * The statement's result columns (empty when it returns no rows), before its first batch. A
   * document engine may send it again between batches: the same columns, new ones appended.
   */
  'query.columns': { queryId: string; index: number; columns: ResultColumn[] }
  /** A batch of rows; the client acknowledges each seq with query.ack (backpressure). */
  'query.batch': { queryId: string; index: number; seq: number; count: number; rows: EncodedRows }
  /**
   * The statement finished: its row count, or rows changed for one that returns none; its command
   * tag ("CREATE TABLE", "UPDATE 3": the server's, else read from the statement) and the messages
   * the server sent while it ran (notices, warnings).
   */
  'query.summary': {
    queryId: string
    index: number
    rowCount: number
    affectedRows: number | null
    command: string | null
    messages: ServerMessage[]
  }
  /** The run ended (done, cancelled, or the first error); nothing more comes for this id. */
  'query.end': {
    queryId: string
    outcome: QueryOutcome
    rowCount: number
    /** Rows changed by a statement that returns none; null when not reported. */
    affectedRows: number | null
    elapsedMs: number
    error: QuarryError | null
    /** The tab session's state after the run (runs with a sessionId only). */
    session?: SessionState
    /**
     * Set when the run stopped at its grid row limit (this many rows were sent): main stopped
     * reading there, and the rest of the result (and script) was never read.
     */
    stoppedAtLimit?: number
    /**
     * Rows main took from the driver for this run, including the part of a batch cut at the row
     * limit (rowCount is what was sent): under a limit at most the limit plus one batch.
     */
    rowsRead?: number
  }
  /** Rows an export has written so far (at most about ten a second). */
  'export.progress': { queryId: string; rowsWritten: number; bytesWritten: number }
  /**
   * The export ended. Done: the file is complete under `path`. Cancelled or error: nothing was
   * left under `path` (the partial file had a temporary name and was removed).
   */
  'export.end': {
    queryId: string
    outcome: ExportOutcome
    rowsWritten: number
    bytesWritten: number
    path: string
    elapsedMs: number
    error: QuarryError | null
    /** With allResults, done: the files written, one per result, in order. */
    files?: string[]
  }
  /** How far an analysis has read its file (a few times a second). */
  'import.analysing': { importId: string; bytesRead: number; bytesTotal: number; rows: number }
  /** How far an import run is: rows written, rejected, rows/s and ETA (a few times a second). */
  'import.progress': ImportProgress & { importId: string }
  /**
   * The run ended. Done: `result` says what was written (or, for a dry run, would have been) and
   * where the rejects are. Cancelled or error: everything it wrote was rolled back.
   */
  'import.end': {
    importId: string
    outcome: QueryOutcome
    result: ImportResult | null
    error: QuarryError | null
    elapsedMs?: number
  }
}

export type EventName = keyof EventPayloads
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]
