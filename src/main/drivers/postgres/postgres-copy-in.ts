import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import type { StreamItem } from '../driver'
import type { RunningQuery } from './postgres-running-query'
import type { PgSession } from './postgres-session'

/** Inline data goes to the server in pieces of this size (one CopyData message each). */
const CHUNK_CHARS = 64 * 1024

function* chunks(data: string): Generator<string> {
  for (let at = 0; at < data.length; at += CHUNK_CHARS) yield data.slice(at, at + CHUNK_CHARS)
}

/**
 * A script's `COPY … FROM stdin` with the data that followed it (as psql and pg_dump write it):
 * the data is sent as COPY FROM STDIN on the script's session, never read as statements. A
 * cancel while data is still being sent stops the copy (CopyFail: the server rolls it back); once
 * all of it is sent the copy completes, and the run stops after it. Errors map like any statement's.
 */
export async function* copyIn(
  session: PgSession,
  query: RunningQuery,
  sql: string,
  data: string,
  offset: number,
): AsyncGenerator<StreamItem, void, undefined> {
  const copy = copyFrom(sql)
  const stop = (): void => void copy.destroy(new Error('Cancelled'))
  query.signal.addEventListener('abort', stop, { once: true })
  try {
    session.submit(copy)
    await query.guard(pipeline(Readable.from(chunks(data)), copy), offset)
  } finally {
    query.signal.removeEventListener('abort', stop)
  }
  yield { kind: 'columns', columns: [] }
  yield { kind: 'summary', affectedRows: copy.rowCount }
}
