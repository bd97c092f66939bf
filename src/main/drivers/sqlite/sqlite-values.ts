// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import { readBatch } from '../../../shared/contract/row-batch-reader'
import type { WireValue } from '../../../shared/contract/values'
import { SqliteBatchBuilder } from './sqlite-batch-builder'

/**
 * The wire value of one cell as better-sqlite3 returns it with safeIntegers on (INTEGER → bigint,
 * REAL → number, TEXT → string, BLOB → Buffer, NULL → null): what the renderer reads back from
 * the host's batches (see SqliteColumnEncoder for the rules).
 */
export function toWireValue(cell: unknown): WireValue {
  const batch = new SqliteBatchBuilder(1)
  batch.add([cell])
  return readBatch(batch.finish()).cell(0, 0)
}
