import { QuarryFailure } from '../../../shared/contract/errors'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { cancelledError } from './sqlite-errors'
import { insertText } from './sqlite-bulk-sql'
import { sqliteLoadFile } from './sqlite-file-load'
import type { SqliteScriptSession } from './sqlite-script-session'

/**
 * SQLite's bulk path: batches of rows go to the session's host, which runs prepared multi-row
 * INSERTs of `group` rows (prepared once, inside the caller's transaction) and a one-row INSERT
 * for the rest. A batch is a few milliseconds of work, so a cancel is taken between batches.
 * `loadFile`: the host reads the import's file itself (sqlite-file-load.ts).
 */
export const sqliteBulkWriter: BulkWriter = {
  batchRows: 1000,
  loadFile: sqliteLoadFile,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const { host } = held.session as SqliteScriptSession
    await host.request('bulk.insert', { ...insertText(target), rows: rows as (string | null)[][] })
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
  },
}
