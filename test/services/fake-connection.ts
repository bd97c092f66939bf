import { QuarryFailure, encodeRows } from '../../src/shared/contract'
import type { DriverConnection, StreamItem, StreamOptions } from '../../src/main/drivers/driver'

/**
 * A DriverConnection whose stream produces `batches` batches on demand (each `delayMs` after the
 * previous one is taken, like a slow server) and records its progress.
 */
export function fakeConnection(batches: number, rowsPerBatch = 10, delayMs = 0) {
  const progress = { produced: 0, released: false, signalSeen: false }
  const connection = {
    engine: 'sqlite',
    async *stream(_sql: string, options: StreamOptions): AsyncIterable<StreamItem> {
      try {
        yield { kind: 'statement', index: 0, offset: 0, sql: 'select' }
        yield { kind: 'columns', columns: [{ name: 'n', type: 'INTEGER' }] }
        for (let b = 0; b < batches; b++) {
          if (options.signal?.aborted) {
            progress.signalSeen = true
            throw new QuarryFailure({ kind: 'cancelled', message: 'Query cancelled' })
          }
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
          progress.produced++
          const rows = Array.from({ length: rowsPerBatch }, (_, i) => [b * rowsPerBatch + i])
          yield { kind: 'rows', rows: encodeRows(rows), count: rows.length }
        }
        yield { kind: 'summary', affectedRows: null }
      } finally {
        progress.released = true
      }
    },
  } as unknown as DriverConnection
  return { connection, progress }
}
