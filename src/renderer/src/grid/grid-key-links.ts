import type { WireValue } from '../../../shared/contract/values'

/** A row's values by column index. */
export type RowValues = (col: number) => WireValue

/** A place a row's key leads to, listed in the grid's context menu. */
export interface KeyTarget {
  label: string
  open: () => void
  /**
   * How many rows there reference this row (exact decimal text; `atLeast` when counting stopped at
   * a bound, so a big table is not scanned to its end), read when listed; null if it could not be
   * counted. Aborting the signal (the list closed) stops the count on the server.
   */
  count?: (signal: AbortSignal) => Promise<{ count: string; atLeast: boolean } | null>
}

/**
 * Foreign keys of the result's table, as the grid offers them: values of key columns are links
 * (Ctrl/Cmd+click, the cell's arrow, Ctrl/Cmd+Enter), and a row lists the tables that reference it.
 */
export interface GridKeyLinks {
  /** Columns whose values reference another table's rows. */
  columns: ReadonlySet<number>
  /** Opens the rows the key in this cell references. */
  follow: (col: number, row: RowValues) => void
  /** The tables whose keys reference this row (loaded on demand), each opening the referencing rows. */
  referencedBy?: (row: RowValues) => Promise<KeyTarget[]>
}
