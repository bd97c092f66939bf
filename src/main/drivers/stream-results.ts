import { QuarryFailure, decodeRows } from '../../shared/contract'
import type { EngineId } from '../../shared/contract'
import type { BatchPlan, QueryResult, StreamItem } from './driver'

/** Batch size for execute(): a small result in few round trips. */
export const EXECUTE_BATCH_SIZE = 5_000

/** The size of batch `index` under a plan, validated (a bad plan is the caller's error). */
export function batchSizeAt(plan: number | BatchPlan, index: number, engine: EngineId): number {
  const size = typeof plan === 'number' ? plan : plan(index)
  if (!Number.isFinite(size) || size < 1) {
    throw new QuarryFailure({ kind: 'invalid-input', message: `Invalid batch size: ${size}`, engine })
  }
  return Math.floor(size)
}

/** Gathers a stream into one result: a script's is its last statement's (what execute() returns). */
export async function collectLastResult(stream: AsyncIterable<StreamItem>): Promise<QueryResult> {
  const result: QueryResult = { columns: [], rows: [], affectedRows: null }
  for await (const item of stream) {
    if (item.kind === 'statement') Object.assign(result, { columns: [], rows: [], affectedRows: null })
    else if (item.kind === 'columns') result.columns = item.columns
    else if (item.kind === 'rows') result.rows.push(...decodeRows(item.rows))
    else result.affectedRows = item.affectedRows
  }
  return result
}
