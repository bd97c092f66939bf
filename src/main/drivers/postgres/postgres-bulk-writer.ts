import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { copyIn } from './postgres-copy-in'
import { asFailure, cancelledFailure } from './postgres-errors'
import type { PostgresScriptSession } from './postgres-script-session'

/** COPY's text format: these characters are written as backslash escapes inside a value. */
const SPECIAL = /[\\\n\r\t]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const escapeValue = (value: string): string =>
  SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : value

/**
 * Rows as COPY text: tab between values, a line per row, `\N` for NULL, and backslash, line breaks
 * and tabs inside a value escaped. The server reads each value with its type's input function,
 * as it reads a parameter bound as text, so values arrive exactly as an INSERT would write them.
 */
export function copyText(rows: readonly (readonly (string | null)[])[]): string {
  let out = ''
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!
    for (let c = 0; c < row.length; c++) {
      const value = row[c]
      out += (c > 0 ? '\t' : '') + (value === null || value === undefined ? '\\N' : escapeValue(value))
    }
    out += '\n'
  }
  return out
}

/**
 * PostgreSQL's bulk path: each batch is one `COPY … FROM STDIN` on the import's own session, its
 * data streamed with backpressure. Aborting sends CopyFail, so the server drops the batch.
 */
export const postgresBulkWriter: BulkWriter = {
  batchRows: 5000,
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw cancelledFailure()
    const session = (held.session as PostgresScriptSession).session
    const sql = `COPY ${target.table} (${target.columns.join(', ')}) FROM STDIN`
    const copying = copyIn(session, sql, copyText(rows))
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
