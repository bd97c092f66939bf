import { countText } from '../../../shared/formats/count-text'
/** The first line of a statement, cut for a label. */
export const firstLine = (sql: string): string => {
  const line = sql.split('\n', 1)[0] ?? ''
  return line.length > 80 || sql.includes('\n') ? `${line.slice(0, 80)}…` : line
}

/** Elapsed time as a status line shows it. */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/** "1 row", "2,400 rows": a row count as a label says it. */
export function rowsText(count: number): string {
  return countText(count, 'row')
}
