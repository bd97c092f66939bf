import type { QuarryError } from './errors'
import type { ResultColumn } from './model'
import type { EncodedRows } from './values'

export type QueryOutcome = 'done' | 'cancelled' | 'error'

/** Events pushed from main to one client, keyed by query id. */
export interface EventPayloads {
  /** The result's columns, sent before its first batch. */
  'query.columns': { queryId: string; columns: ResultColumn[] }
  /** A batch of rows; the client acknowledges each seq with query.ack (backpressure). */
  'query.batch': { queryId: string; seq: number; count: number; rows: EncodedRows }
  /** The query ended; nothing more comes for this id. */
  'query.end': {
    queryId: string
    outcome: QueryOutcome
    rowCount: number
    /** Rows changed by a statement that returns none; null when not reported. */
    affectedRows: number | null
    elapsedMs: number
    error: QuarryError | null
  }
}

export type EventName = keyof EventPayloads
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]
