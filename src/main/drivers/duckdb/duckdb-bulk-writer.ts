import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { stageName } from './duckdb-bulk-append'
import { QuarryFailure } from '../../../shared/contract/errors'
import { cancelledError } from './duckdb-errors'
import type { DuckdbScriptSession } from './duckdb-script-session'

/**
 * DuckDB's bulk path: batches of rows go to the session in its host, which appends them with
 * DuckDB's Appender to a staging table and moves them into the target with one INSERT … SELECT
 * (duckdb-bulk-append.ts). A batch is short, so a cancel is taken between batches.
 */
export const duckdbBulkWriter: BulkWriter = {
  batchRows: 2000,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const session = held.session as DuckdbScriptSession
    const columns = target.columns.length
    const sql = `INSERT INTO ${target.table} (${target.columns.join(', ')}) SELECT * FROM temp.main.${stageName(columns)}`
    await session.host.request('bulk.insert', { session: session.id, sql, columns, rows: rows as (string | null)[][] })
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
  },
}
