import type { BulkTarget, BulkWriter, DirectLoad } from '../../drivers/driver'
import type { HeldSession } from '../../drivers/engine-session'
import { messageOf } from './batch-writer'

const SAVEPOINT = 'quarry_direct'

/** What a direct load needs of its run. */
export interface DirectRun {
  loadFile: NonNullable<BulkWriter['loadFile']>
  held: HeldSession
  target: BulkTarget
  load: DirectLoad
  signal?: AbortSignal
  sent(bytes: number): void
  /** Runs a statement on the import's session. */
  exec(sql: string): Promise<void>
  /** Whether a savepoint can undo the load; else `restart` does. */
  savepoints: boolean
  /** Rolls the transaction back and begins it again as it was (the new table made again). */
  restart(): Promise<void>
}

/**
 * The engine loads the file itself. Any failure, or a count of rows other than the analysis's,
 * is undone (back to a savepoint, or the transaction restarted) and answered as `failed`, so the
 * caller writes the rows itself, each refused row with its reason. A cancel is thrown.
 */
export async function loadDirect(run: DirectRun): Promise<{ rows: number } | { failed: string }> {
  const { signal, load } = run
  if (run.savepoints) await run.exec(`SAVEPOINT ${SAVEPOINT}`)
  try {
    const rows = await run.loadFile(run.held, run.target, load, { ...(signal ? { signal } : {}), sent: run.sent })
    if (rows !== load.rows) throw new Error(`it loaded ${rows} rows where the analysis read ${load.rows}`)
    if (run.savepoints) await run.exec(`RELEASE SAVEPOINT ${SAVEPOINT}`)
    return { rows }
  } catch (e) {
    if (signal?.aborted) throw e
    if (run.savepoints) await run.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`)
    else await run.restart()
    return { failed: messageOf(e) }
  }
}
