import { useEffect, useState } from 'react'
import type { SelectionRect } from '../selection-model'
import { aggregateInSlices, aggregateNow, type AggregateSource } from './aggregate-run'
import type { Aggregates } from './selection-aggregates'

/** Waits this long after the selection (or the rows under it) last changed before a big run. */
const SETTLE_MS = 200

export type AggregateState =
  { status: 'none' } | { status: 'computing'; done: number } | ({ status: 'ready' } & Aggregates)

/**
 * The aggregates of the selection: computed in the render for small selections, in slices off
 * the render path for big ones (a whole 1,000,000-row column), restarted when the selection or
 * its rows change. Nothing for a single cell.
 */
export function useSelectionAggregates(
  source: AggregateSource,
  rect: SelectionRect | null,
  version: number,
): AggregateState {
  const key = rect && !(rect.row0 === rect.row1 && rect.col0 === rect.col1) ? rect : null
  const small = key ? aggregateNow(source, key) : null
  const [big, setBig] = useState<AggregateState>({ status: 'none' })
  const rectKey = key ? `${key.row0}:${key.row1}:${key.col0}:${key.col1}` : ''
  useEffect(() => {
    if (!key || small) return
    const controller = new AbortController()
    setBig({ status: 'computing', done: 0 })
    const timer = setTimeout(() => {
      void aggregateInSlices(source, key, controller.signal, (done) => setBig({ status: 'computing', done })).then(
        (result) => {
          if (result) setBig({ status: 'ready', ...result })
        },
      )
    }, SETTLE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
    // The rect's bounds and the rows' version decide; `source` is stable per grid.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rectKey, version, source, small === null])
  if (!key) return { status: 'none' }
  return small ? { status: 'ready', ...small } : big
}
