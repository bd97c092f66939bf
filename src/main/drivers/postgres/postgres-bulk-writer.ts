import { tabPieces } from '../bulk-text'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { copyIn } from './postgres-copy-in'
import { postgresLoadFile } from './postgres-file-load'
import { asFailure, cancelledFailure } from './postgres-errors'
import type { PostgresScriptSession } from './postgres-script-session'

/**
 * PostgreSQL's bulk path: each batch is one `COPY … FROM STDIN` on the import's own session, its
 * data (COPY's text format: bulk-text.ts) streamed with backpressure. The server reads each value
 * with its type's input function, as it reads a parameter bound as text. Aborting sends CopyFail,
 * so the server drops the batch. `loadFile`: the server reads the whole file as CSV (postgres-file-load.ts).
 */
export const postgresBulkWriter: BulkWriter = {
  batchRows: 2000,
  loadFile: postgresLoadFile,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw cancelledFailure()
    const session = (held.session as PostgresScriptSession).session
    const sql = `COPY ${target.table} (${target.columns.join(', ')}) FROM STDIN`
    const copying = copyIn(session, sql, tabPieces(rows))
    const onAbort = (): void => copying.stop()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await copying.done
    } catch (error) {
      throw signal?.aborted ? cancelledFailure() : asFailure(error)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  },
}
