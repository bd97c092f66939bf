import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import type { EngineId } from '../../../../shared/engines/engine-list'
import type { SelectionRect } from '../selection-model'
import { AggregateAccumulator, type Aggregates } from './selection-aggregates'

/** The cells aggregates read (the grid's sorted/filtered view). */
export interface AggregateSource {
  readonly columns: readonly ResultColumn[]
  get(row: number, col: number): WireValue
  /** Whose notation a float's min and max take (JavaScript's when absent). */
  readonly engine?: EngineId
}

/** Reads cells through the view, and names the engine whose notation its floats take. */
export const engineSource = (view: AggregateSource, engine: EngineId): AggregateSource => ({
  get columns() {
    return view.columns
  },
  get: view.get.bind(view),
  engine,
})

/** Longest stretch of work between two yields to the UI, in ms. */
export const SLICE_MS = 8
/** Selections up to this many cells are aggregated at once, in the render that shows them. */
export const SYNC_CELLS = 20_000

const cellsOf = (rect: SelectionRect): number => (rect.row1 - rect.row0 + 1) * (rect.col1 - rect.col0 + 1)

/** Aggregates a small selection at once; null for a big one (use aggregateInSlices). */
export function aggregateNow(source: AggregateSource, rect: SelectionRect): Aggregates | null {
  if (cellsOf(rect) > SYNC_CELLS) return null
  const acc = new AggregateAccumulator(source.engine)
  const columns = source.columns
  for (let row = rect.row0; row <= rect.row1; row++)
    for (let col = rect.col0; col <= rect.col1; col++) acc.add(source.get(row, col), columns[col])
  return acc.result()
}

/**
 * Aggregates a selection of any size off the render path: work in slices of SLICE_MS, yielding to
 * the UI between them (`yieldNow`), reporting progress as the share of cells read. Resolves null
 * when aborted (the selection changed).
 */
export async function aggregateInSlices(
  source: AggregateSource,
  rect: SelectionRect,
  signal: AbortSignal,
  onProgress: (done: number) => void = () => {},
  yieldNow: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<Aggregates | null> {
  const acc = new AggregateAccumulator(source.engine)
  const columns = source.columns
  const total = cellsOf(rect)
  let read = 0
  let reported = 0
  let sliceEnd = performance.now() + SLICE_MS
  for (let row = rect.row0; row <= rect.row1; row++) {
    for (let col = rect.col0; col <= rect.col1; col++) acc.add(source.get(row, col), columns[col])
    read += rect.col1 - rect.col0 + 1
    if ((row & 127) === 0 && performance.now() > sliceEnd) {
      if (Math.floor((read / total) * 20) !== reported) onProgress((reported = Math.floor((read / total) * 20)) / 20)
      await yieldNow()
      if (signal.aborted) return null
      sliceEnd = performance.now() + SLICE_MS
    }
  }
  return signal.aborted ? null : acc.result()
}
