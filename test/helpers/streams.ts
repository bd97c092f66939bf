import { expect } from 'vitest'
import type { StreamItem } from '../../src/main/drivers/driver'
import type { ErrorKind, ResultColumn, WireValue } from '../../src/shared/contract'
import { decodeRows, QuarryFailure } from '../../src/shared/contract'

/** Everything a stream yielded, decoded. */
export interface Collected {
  columns: ResultColumn[]
  rows: WireValue[][]
  /** Row count of each batch, in order. */
  batches: number[]
  affectedRows: number | null | undefined
  /** Item kinds in order, to check columns → rows → summary. */
  kinds: StreamItem['kind'][]
}

export async function collect(stream: AsyncIterable<StreamItem>): Promise<Collected> {
  const result: Collected = { columns: [], rows: [], batches: [], affectedRows: undefined, kinds: [] }
  for await (const item of stream) {
    result.kinds.push(item.kind)
    if (item.kind === 'columns') result.columns = item.columns
    else if (item.kind === 'rows') {
      const rows = decodeRows(item.rows)
      expect(rows).toHaveLength(item.count)
      result.rows.push(...rows)
      result.batches.push(item.count)
    } else if (item.kind === 'summary') result.affectedRows = item.affectedRows
  }
  return result
}

/** Awaits `work` and returns the QuarryError it failed with; fails the test if it succeeded. */
export async function failureOf(work: Promise<unknown>, kind: ErrorKind) {
  const thrown = await work.then(
    () => null,
    (error: unknown) => error,
  )
  expect(thrown, `expected a ${kind} failure`).toBeInstanceOf(QuarryFailure)
  const { error } = thrown as QuarryFailure
  expect(error.kind, error.message).toBe(kind)
  return error
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
