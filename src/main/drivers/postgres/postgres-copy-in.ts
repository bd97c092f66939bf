import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { textStream } from '../bulk-text'
import type { PgSession } from './postgres-session'

/** Inline data goes to the server in pieces of this size (one CopyData message each). */
const CHUNK_CHARS = 64 * 1024

function* chunks(data: string): Generator<string> {
  for (let at = 0; at < data.length; at += CHUNK_CHARS) yield data.slice(at, at + CHUNK_CHARS)
}

/** A COPY FROM STDIN in flight: `done` settles with the rows copied; `stop` cancels it. */
export interface CopyIn {
  done: Promise<number>
  /** Stops sending (CopyFail: the server rolls the copy back). Too late once all data was sent. */
  stop(): void
}

/**
 * A `COPY … FROM STDIN` on `session` with its data: a script's inline data (the text that followed
 * it, as psql and pg_dump write it, never read as statements), or an import's batch in pieces made
 * as the socket takes them.
 */
export function copyIn(session: PgSession, sql: string, data: string | Iterable<string>): CopyIn {
  const copy = copyFrom(sql)
  session.submit(copy)
  const done = pipeline(textStream(typeof data === 'string' ? chunks(data) : data), copy).then(() => copy.rowCount)
  return { done, stop: () => void copy.destroy(new Error('Cancelled')) }
}
