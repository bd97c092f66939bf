import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { csvPieces } from '../bulk-text'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { QuarryFailure } from '../../../shared/contract/errors'
import { cancelledError } from './duckdb-errors'
import { duckdbLoadFile } from './duckdb-file-load'
import type { DuckdbScriptSession } from './duckdb-script-session'

/** DuckDB's own default longest line (bytes). */
const DEFAULT_LINE = 2 * 1024 * 1024

/**
 * How the batch file is read: exactly the columns written (no sniffing, no header), every value
 * VARCHAR, a quoted empty value an empty string, lines ended by LF (else a CR LF inside a quoted
 * value fails as an unterminated quote); lines up to the batch's longest (DuckDB sizes its
 * buffers by this bound, so it is the batch's own, not a huge constant).
 */
function readCsvSql(target: BulkTarget, longestLineBytes: number): string {
  const columns = target.columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')
  return (
    `INSERT INTO ${target.table} (${target.columns.join(', ')}) SELECT * FROM read_csv($1, columns = {${columns}}, ` +
    `header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', ` +
    `allow_quoted_nulls = false, ` +
    `max_line_size = ${Math.max(DEFAULT_LINE, longestLineBytes)})`
  )
}

/**
 * DuckDB's bulk path: each batch, already converted and checked, is written as a quoted CSV file
 * (bulk-text.ts) in a private temporary folder; the session in its host loads it with one
 * `INSERT … SELECT * FROM read_csv(…)`, DuckDB casting each text to its column's type as it would
 * a string literal (as the Appender's staging table did, without a call per value or the rows
 * copied to the host). It runs on the session's connection, so inside the import's transaction.
 * A batch is short, so a cancel is taken between batches. `loadFile`: DuckDB reads the import's
 * own file (duckdb-file-load.ts).
 */
export const duckdbBulkWriter: BulkWriter = {
  batchRows: 50_000,
  loadFile: duckdbLoadFile,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
    const session = held.session as DuckdbScriptSession
    const dir = await mkdtemp(join(tmpdir(), 'quarry-duckdb-batch-'))
    try {
      const file = join(dir, 'batch.csv')
      const stats = { longestLine: 0 }
      await writeFile(file, csvPieces(rows, stats), { mode: 0o600 })
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
      const sql = readCsvSql(target, 3 * stats.longestLine + 1)
      await session.host.request('bulk.load', { session: session.id, sql, file })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    if (signal?.aborted) throw new QuarryFailure(cancelledError())
  },
}
