import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import type { BulkTarget, DirectLoad } from '../driver'
import type { HeldSession } from '../engine-session'
import { asFailure, cancelledFailure } from './postgres-errors'
import type { PostgresScriptSession } from './postgres-script-session'

/** A string literal whatever standard_conforming_strings says (COPY's options cannot be bound). */
const literal = (text: string): string => `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`

/** The COPY that reads the file's CSV as it is: its header skipped, its delimiter, NULL marker and quote. */
export const copyCsvSql = (target: BulkTarget, load: DirectLoad): string =>
  `COPY ${target.table} (${target.columns.join(', ')}) FROM STDIN ` +
  `(FORMAT csv, HEADER true, DELIMITER ${literal(load.delimiter)}, NULL ${literal(load.nullMarker)}, QUOTE '"')`

/**
 * PostgreSQL reads the import's file itself: its bytes, untouched, streamed (with backpressure)
 * into one `COPY … FROM STDIN (FORMAT csv …)` on the import's session; the rows it copied.
 * Aborting sends CopyFail, so the server drops the copy.
 */
export async function postgresLoadFile(
  held: HeldSession,
  target: BulkTarget,
  load: DirectLoad,
  options: { signal?: AbortSignal; sent?: (bytes: number) => void },
): Promise<number> {
  const { signal, sent } = options
  if (signal?.aborted) throw cancelledFailure()
  const session = (held.session as PostgresScriptSession).session
  const copy = copyFrom(copyCsvSql(target, load))
  session.submit(copy)
  let bytes = 0
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      sent?.(bytes)
      done(null, chunk)
    },
  })
  const onAbort = (): void => void copy.destroy(new Error('Cancelled'))
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await pipeline(createReadStream(load.file, { highWaterMark: 256 * 1024 }), counted, copy)
    return copy.rowCount
  } catch (error) {
    throw signal?.aborted ? cancelledFailure() : asFailure(error)
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}
