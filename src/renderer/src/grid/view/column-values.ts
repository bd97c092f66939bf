import type { WireValue } from '../../../../shared/contract/values'
import { valueKey } from './value-key'
import { ROWS_PER_SLICE, type Cancelled, type ViewSource } from './view-compute'

/** Distinct values listed by a column's quick filter; a column with more is not low-cardinality. */
export const MAX_LISTED_VALUES = 500

/** One distinct value of a column and how many loaded rows hold it. */
export interface ValueCount {
  /** Identity of the value (type and exact text), what a column filter keeps. */
  key: string
  value: WireValue
  count: number
}

/** The distinct values of a column over the loaded rows, most frequent first (NULL last among equals). */
export interface ColumnValues {
  values: ValueCount[]
  /** More than MAX_LISTED_VALUES distinct values: the list is not shown. */
  tooMany: boolean
  /** Rows counted. */
  rows: number
}

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * Counts the values of one column over rows [0, count) in slices (the UI stays responsive on a
 * million rows). Stops counting new values past MAX_LISTED_VALUES: the column is then reported as
 * too varied for a values list. Null when superseded.
 */
export async function countColumnValues(
  source: ViewSource,
  col: number,
  count: number,
  token: Cancelled,
): Promise<ColumnValues | null> {
  const counts = new Map<string, ValueCount>()
  for (let row = 0; row < count; row++) {
    if (row % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) {
      await yieldToUi()
      if (token.cancelled) return null
    }
    const value = source.get(row, col)
    const key = valueKey(value)
    const seen = counts.get(key)
    if (seen) seen.count++
    else if (counts.size >= MAX_LISTED_VALUES) return { values: [], tooMany: true, rows: count }
    else counts.set(key, { key, value, count: 1 })
  }
  // Most frequent first; ties in a stable order, NULL after the values.
  const values = [...counts.values()].sort(
    (a, b) => b.count - a.count || Number(a.value === null) - Number(b.value === null) || (a.key < b.key ? -1 : 1),
  )
  return { values, tooMany: false, rows: count }
}
