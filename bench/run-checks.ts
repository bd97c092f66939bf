import type { RunRecord } from './probes'

/** Why a finished run does not count: it did not end as done with every row. */
export function invalidRun(run: RunRecord, rows: number): string | null {
  if (run.status !== 'done') return `ended as ${run.status ?? 'nothing'}`
  if (run.count !== String(rows)) return `the store holds ${run.count ?? 'no'} rows, not ${rows}`
  if (run.startAt === null || run.firstPaintAt === null || run.endAt === null) return 'the page missed an event'
  return null
}

/** Frame deltas (ms) from rAF timestamps. */
export const frameDeltas = (frames: readonly number[]): number[] => frames.slice(1).map((at, i) => at - frames[i]!)
