import type { EncodedRows } from '../src/shared/contract/row-batch'
import { decodeRows, encodeRows } from '../src/shared/contract/row-batch-rows'
import type { WireValue } from '../src/shared/contract/values'
import { packSide, unpackSide } from '../src/renderer/src/compare/packed-side'
import { diffResults, type DiffCounts } from '../src/renderer/src/compare/result-diff'

/** The rerun a compare is measured against: ~1% of rows changed, 0.1% deleted, 0.1% added. */
export interface DerivedResult {
  batches: EncodedRows[]
  expected: DiffCounts
}

const idOf = (value: WireValue): number => (typeof value === 'number' ? value : Number((value as { v: string }).v))

/**
 * From the `big` result as the pipeline sent it (its batches), the same result after a change:
 * every 100th row's qty is one more (and every 300th's label longer), every 997th row is gone,
 * and rows / 1000 new rows come at the end. Made once, outside the timing; returns the counts a
 * correct diff must find.
 */
export function deriveChanged(batches: readonly EncodedRows[], columns: readonly string[]): DerivedResult {
  const id = columns.indexOf('id')
  const qty = columns.indexOf('qty')
  const label = columns.indexOf('label')
  const expected: DiffCounts = { same: 0, changed: 0, added: 0, removed: 0 }
  let maxId = 0
  let last: WireValue[] | null = null
  const out = batches.map((batch) => {
    const rows: WireValue[][] = []
    for (const row of decodeRows(batch)) {
      const key = idOf(row[id]!)
      maxId = Math.max(maxId, key)
      last = row
      if (key % 997 === 0) {
        expected.removed++
        continue
      }
      if (key % 100 === 0 || key % 300 === 1) {
        const next = [...row]
        if (key % 100 === 0) next[qty] = (row[qty] as number) + 1
        if (key % 300 === 1) next[label] = `${String(row[label])}!`
        rows.push(next)
        expected.changed++
      } else {
        rows.push(row)
        expected.same++
      }
    }
    return encodeRows(rows, columns.length)
  })
  const template = last ?? columns.map(() => null)
  const added = Math.max(1, Math.floor(expected.same / 1000))
  const extra = Array.from({ length: added }, (_, i) => template.map((cell, c) => (c === id ? maxId + 1 + i : cell)))
  expected.added = added
  return { batches: [...out, encodeRows(extra, columns.length)], expected }
}

export interface DiffFigures {
  /** The diff itself (what the Web Worker runs), ms. */
  ms: number
  /** CPU time of the diff (this process, user + system), ms: less bent by a loaded machine than wall time. */
  cpuMs: number
  /** Packing both results' batches into one buffer each, as the app does before transferring them to the worker, ms. */
  copyMs: number
  /** Memory the diff added while its result is held (heap and array buffers), MB. */
  memoryMb: number
  counts: DiffCounts
}

/** Times one diff of `pinned` against `current` (the code the app's diff worker runs, in this process). */
export function timeDiff(columns: string[], pinned: EncodedRows[], current: EncodedRows[]): DiffFigures {
  const copyStarted = performance.now()
  const packed = { pinned: packSide({ columns, batches: pinned }), current: packSide({ columns, batches: current }) }
  const copyMs = performance.now() - copyStarted
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const before = process.memoryUsage()
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = diffResults({ pinned: unpackSide(packed.pinned), current: unpackSide(packed.current), key: ['id'] })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000
  const after = process.memoryUsage()
  const memoryMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576
  return { ms, cpuMs, copyMs, memoryMb, counts: result.counts }
}
