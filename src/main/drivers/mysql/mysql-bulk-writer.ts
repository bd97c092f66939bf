import type { Readable } from 'node:stream'
import { tabPieces, textStream } from '../bulk-text'
import type { BulkTarget, BulkWriter } from '../driver'
import type { HeldSession } from '../engine-session'
import { runQuery, type MysqlClient, type OkPacket } from './mysql-client'
import { cancelledFailure, mysqlFailure, toMysqlFailure } from './mysql-errors'
import type { MysqlScriptSession } from './mysql-script-session'

/** The one file name the server asks for: the factory streams the batch, whatever name comes back. */
const INFILE = 'quarry-import'

/** The batch's format: bulk-text.ts's tab-separated text, `\N` for NULL, backslash escapes. */
const FORMAT = "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"

const clientOf = (held: HeldSession): MysqlClient => (held.session as MysqlScriptSession).client

/** One LOAD DATA LOCAL of `data`, its OK packet (or its failure); `stream` is the data being sent. */
function loadData(client: MysqlClient, sql: string, stream: Readable): Promise<OkPacket> {
  return new Promise((resolve, reject) =>
    client.query({ sql, infileStreamFactory: () => stream }, (error, result) =>
      error ? reject(error) : resolve(result as OkPacket),
    ),
  )
}

/**
 * MySQL/MariaDB's bulk path, where the server allows it (`local_infile`): each batch is one
 * `LOAD DATA LOCAL INFILE` on the import's session whose "file" is the batch itself, streamed from
 * memory by mysql2's infileStreamFactory (no file on disk is ever read: mysql2 only reads what the
 * factory returns). With LOCAL the server turns bad values, NULL into NOT NULL and duplicate keys
 * into warnings and goes on (as INSERT IGNORE); a strict INSERT fails on each of them. So a batch
 * that loads fewer rows than it sent, or raises any warning, fails with the first warning as its
 * reason: the runner rolls it back to its savepoint and retries it row by row, so only the rows
 * that fail are rejected, as with INSERT. Where the server refuses local files, `usable` says no
 * and the import writes multi-row INSERTs.
 */
export const mysqlBulkWriter: BulkWriter = {
  batchRows: 10_000,
  async usable(held: HeldSession): Promise<boolean> {
    const [row] = await runQuery<{ on: number | string }>(clientOf(held), 'SELECT @@local_infile AS `on`')
    return Number(row?.on) === 1
  },
  async write(held: HeldSession, target: BulkTarget, rows, signal): Promise<void> {
    if (signal?.aborted) throw cancelledFailure()
    const client = clientOf(held)
    const sql = `LOAD DATA LOCAL INFILE '${INFILE}' INTO TABLE ${target.table} ${FORMAT} (${target.columns.join(', ')})`
    const stream = textStream(tabPieces(rows))
    // Aborting ends the data early: the server loads what it got, and the caller rolls back.
    const onAbort = (): void => void stream.destroy(new Error('Cancelled'))
    signal?.addEventListener('abort', onAbort, { once: true })
    let ok: OkPacket
    try {
      ok = await loadData(client, sql, stream)
    } catch (error) {
      throw signal?.aborted ? cancelledFailure() : toMysqlFailure(error)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
    if (signal?.aborted) throw cancelledFailure()
    if (ok.affectedRows === rows.length && !ok.warningStatus) return
    const [first] = await runQuery<{ Level: string; Code: number; Message: string }>(client, 'SHOW WARNINGS LIMIT 1')
    const why = first ? `${first.Message} (${first.Code})` : `${ok.affectedRows} of ${rows.length} rows loaded`
    throw mysqlFailure('invalid-input', why, first ? String(first.Code) : undefined)
  },
}
