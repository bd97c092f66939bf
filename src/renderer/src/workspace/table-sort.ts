import type { SortColumn } from '../../../shared/contract'

/**
 * Header click in the Data view: ascending, descending, then unsorted, that column alone. With
 * `add` (shift+click) the column is cycled as one more ORDER BY key, the others kept in order.
 */
export function cycleSortColumn(current: readonly SortColumn[], column: string, add = false): SortColumn[] {
  const existing = current.find((s) => s.column === column)
  const next: SortColumn | null = !existing
    ? { column, descending: false }
    : existing.descending
      ? null
      : { column, descending: true }
  if (!add) return next ? [next] : []
  if (!existing) return [...current, next!]
  return current.flatMap((s) => (s !== existing ? [s] : next ? [next] : []))
}

/** The parameters of a Data view's statement as shown beside it: `$1 = 'x'`-like, in order. */
export function describeParams(params: readonly string[]): string {
  return params.map((value, i) => `#${i + 1} = '${value.replaceAll("'", "''")}'`).join(', ')
}
