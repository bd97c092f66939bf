import type { SortColumn } from '../../../shared/contract'

/** Header click in the Data view: ascending, descending, then unsorted (one column at a time). */
export function cycleSortColumn(current: readonly SortColumn[], column: string): SortColumn[] {
  const existing = current.find((s) => s.column === column)
  if (!existing) return [{ column, descending: false }]
  if (!existing.descending) return [{ column, descending: true }]
  return []
}

/** The parameters of a Data view's statement as shown beside it: `$1 = 'x'`-like, in order. */
export function describeParams(params: readonly string[]): string {
  return params.map((value, i) => `#${i + 1} = '${value.replaceAll("'", "''")}'`).join(', ')
}
