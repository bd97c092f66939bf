import { QuarryFailure } from '../../../shared/contract/errors'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { cancelledError } from './sqlite-errors'
import type { SqliteScriptSession } from './sqlite-script-session'

/**
 * SQLite's bulk path: batches of rows go to the session's host, which runs one prepared INSERT per
 * row (prepared once, inside the caller's transaction). A batch is a few milliseconds of work, so
 * a cancel is taken between batches.
 */
export const sqliteBulkWriter: BulkWriter = {
  batchRows: 1000,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const { host } = held.session as SqliteScriptSession
    const marks = target.columns.map(() => '?').join(', ')
    const sql = `INSERT INTO ${target.table} (${target.columns.join(', ')}) VALUES (${marks})`
    await host.request('bulk.insert', { sql, rows: rows as (string | null)[][] })
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
  },
}
