import { QuarryFailure } from '../../../shared/contract/errors'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { cancelledError } from './sqlite-errors'
import type { SqliteScriptSession } from './sqlite-script-session'

/** Bound values per multi-row INSERT: about 10 rows of 15 columns, where the per-row cost bottoms out. */
const VALUES_PER_STATEMENT = 150

/**
 * SQLite's bulk path: batches of rows go to the session's host, which runs prepared multi-row
 * INSERTs of `group` rows (prepared once, inside the caller's transaction) and a one-row INSERT
 * for the rest. A batch is a few milliseconds of work, so a cancel is taken between batches.
 */
export const sqliteBulkWriter: BulkWriter = {
  batchRows: 1000,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const { host } = held.session as SqliteScriptSession
    const sql = `INSERT INTO ${target.table} (${target.columns.join(', ')}) VALUES `
    const tuple = `(${target.columns.map(() => '?').join(', ')})`
    const group = Math.max(1, Math.floor(VALUES_PER_STATEMENT / target.columns.length))
    await host.request('bulk.insert', { sql, tuple, group, rows: rows as (string | null)[][] })
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
  },
}
