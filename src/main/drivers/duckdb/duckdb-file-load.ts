import { QuarryFailure } from '../../../shared/contract/errors'
import type { BulkTarget, DirectLoad } from '../driver'
import type { HeldSession } from '../engine-session'
import { cancelledError } from './duckdb-errors'
import type { DuckdbScriptSession } from './duckdb-script-session'

/** DuckDB's own default longest line (bytes). */
const DEFAULT_LINE = 2 * 1024 * 1024

/**
 * How the import's file is read: its header skipped, exactly its columns (no sniffing), every value
 * VARCHAR (cast to its column's type by the INSERT, as the row path's batches are), the delimiter
 * ($2) and NULL marker ($3) bound; a quoted value is never NULL.
 */
export function readFileSql(target: BulkTarget, load: DirectLoad): string {
  const columns = target.columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')
  return (
    `INSERT INTO ${target.table} (${target.columns.join(', ')}) SELECT * FROM read_csv($1, columns = {${columns}}, ` +
    `header = true, auto_detect = false, delim = $2, quote = '"', escape = '"', nullstr = $3, ` +
    `allow_quoted_nulls = false, max_line_size = ${Math.max(DEFAULT_LINE, load.longestLineBytes)})`
  )
}

/**
 * DuckDB reads the import's file itself: one `INSERT … SELECT * FROM read_csv(<the file>)` on the
 * session's connection, inside the import's transaction; the rows it loaded. The engine reads the
 * file, so `sent` hears of it whole once loaded. Aborting interrupts the statement in DuckDB.
 */
export async function duckdbLoadFile(
  held: HeldSession,
  target: BulkTarget,
  load: DirectLoad,
  options: { signal?: AbortSignal; sent?: (bytes: number) => void },
): Promise<number> {
  const { signal, sent } = options
  if (signal?.aborted) throw new QuarryFailure(cancelledError())
  const session = held.session as DuckdbScriptSession
  const onAbort = (): void => void session.interrupt()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const params = [load.delimiter, load.nullMarker]
    const sql = readFileSql(target, load)
    const loading = session.host.request('bulk.load', { session: session.id, sql, file: load.file, params })
    sent?.(0) // started (the engine reads the file: nothing more is heard until it is done)
    const rows = await loading
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    sent?.(load.bytes)
    return rows
  } catch (error) {
    throw signal?.aborted ? new QuarryFailure(cancelledError()) : error
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}
