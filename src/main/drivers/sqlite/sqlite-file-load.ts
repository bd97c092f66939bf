import { QuarryFailure } from '../../../shared/contract/errors'
import type { BulkTarget, DirectLoad } from '../driver'
import type { HeldSession } from '../engine-session'
import { SQLITE } from '../../../shared/engines/sqlite'
import { insertText } from './sqlite-bulk-sql'
import { cancelledError } from './sqlite-errors'
import type { SqliteScriptSession } from './sqlite-script-session'

/** Records read and written per request: a step of tens of milliseconds, so a cancel is heard. */
const STEP_ROWS = 10_000

/**
 * SQLite has no loader of files, so its engine process is one: the host reads the import's file
 * with the import's own parser and converters and writes the rows with the row path's prepared
 * INSERTs, in steps (progress and a cancel between them), so no row crosses from main to the
 * host. A record the converters refuse fails the load (the import then sends rows, and rejects it).
 */
export async function sqliteLoadFile(
  held: HeldSession,
  target: BulkTarget,
  load: DirectLoad,
  options: { signal?: AbortSignal; sent?: (bytes: number) => void },
): Promise<number> {
  const { signal, sent } = options
  const { host } = held.session as SqliteScriptSession
  const { file, delimiter } = load
  const opened = {
    file,
    delimiter,
    nullMarkers: [...load.nullMarkers],
    columns: [...load.columns],
    facts: SQLITE.import!,
  }
  await host.request('bulk.fileOpen', { ...opened, ...insertText(target) })
  let rows = 0
  for (;;) {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const step = await host.request('bulk.fileNext', { rows: STEP_ROWS })
    rows += step.rows
    sent?.(step.bytes)
    if (step.done) return rows
  }
}
