import type { BulkTarget } from '../driver'

/** Bound values per multi-row INSERT: about 10 rows of 15 columns, where the per-row cost bottoms out. */
const VALUES_PER_STATEMENT = 150

/** The INSERTs of a bulk write: `sql` + `tuple` for one row, `group` tuples for as many. */
export function insertText(target: BulkTarget): { sql: string; tuple: string; group: number } {
  return {
    sql: `INSERT INTO ${target.table} (${target.columns.join(', ')}) VALUES `,
    tuple: `(${target.columns.map(() => '?').join(', ')})`,
    group: Math.max(1, Math.floor(VALUES_PER_STATEMENT / target.columns.length)),
  }
}
