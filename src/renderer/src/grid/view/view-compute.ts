import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import { valueKey } from './value-key'
import { radixSortPositions } from './radix-sort'
import { allocateKeys, compareKeys, isDecimalColumn, Rank, setKey, type SortKeys } from './sort-keys'

/** What a view reads: the loaded rows by index. RowStore is one. */
export interface ViewSource {
  readonly columns: readonly ResultColumn[]
  readonly rowCount: number
  get(row: number, col: number): WireValue
}

export interface SortSpec {
  col: number
  descending: boolean
}

/** A column's quick filter: the rows kept hold one of these values (keys from valueKey). */
export interface ColumnFilter {
  col: number
  keys: ReadonlySet<string>
}

/** Stops a computation that was superseded (new sort, new filter text, new result). */
export interface Cancelled {
  readonly cancelled: boolean
}

/** Rows scanned between yields to the event loop: the UI stays responsive while a view computes. */
export const ROWS_PER_SLICE = 50_000

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * The rows [0, count) of the source that match the quick filter (any column's text contains the
 * needle, case-insensitively) and every column filter (the column holds one of its values), as an
 * index array. No needle and no column filter keep every row.
 */
export async function filterRows(
  source: ViewSource,
  count: number,
  needle: string,
  token: Cancelled,
  columnFilters: readonly ColumnFilter[] = [],
): Promise<Uint32Array | null> {
  const all = new Uint32Array(count)
  if (!needle && columnFilters.length === 0) {
    for (let i = 0; i < count; i++) all[i] = i
    return all
  }
  const pattern = needle ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null
  const cols = source.columns.length
  let kept = 0
  rows: for (let row = 0; row < count; row++) {
    if (row % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) {
      await yieldToUi()
      if (token.cancelled) return null
    }
    for (const filter of columnFilters) if (!filter.keys.has(valueKey(source.get(row, filter.col)))) continue rows
    if (!pattern) {
      all[kept++] = row
      continue
    }
    for (let col = 0; col < cols; col++) {
      if (matches(source.get(row, col), pattern)) {
        all[kept++] = row
        break
      }
    }
  }
  return all.slice(0, kept)
}

function matches(value: WireValue, pattern: RegExp): boolean {
  if (value === null) return false
  if (typeof value === 'string') return pattern.test(value)
  if (typeof value === 'number' || typeof value === 'boolean') return pattern.test(String(value))
  return pattern.test(value.$ === 'bytes' ? `\\x${value.v}` : value.v)
}

/** Sorts the given row indexes by one column (in place), NULLs last, ties in row order. */
export async function sortRows(
  source: ViewSource,
  rows: Uint32Array,
  spec: SortSpec,
  token: Cancelled,
): Promise<Uint32Array | null> {
  const decimal = isDecimalColumn(source.columns[spec.col])
  // Keys are indexed by position in `rows`, then the positions are sorted and mapped back.
  const keys = allocateKeys(rows.length)
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) {
      await yieldToUi()
      if (token.cancelled) return null
    }
    setKey(keys, i, source.get(rows[i]!, spec.col), decimal)
  }
  const order = sortPositions(keys, rows.length, spec.descending)
  const sorted = new Uint32Array(rows.length)
  for (let i = 0; i < order.length; i++) sorted[i] = rows[order[i]!]!
  return sorted
}

/**
 * Positions 0..n-1 in key order. Numbers go through a radix sort on their doubles; runs of equal
 * doubles that carry exact digits (64-bit integers, decimals) are then settled exactly. Text and
 * binary use a comparator sort. NULLs are appended last in either direction.
 */
function sortPositions(keys: SortKeys, n: number, descending: boolean): Uint32Array {
  let numbers = 0
  let nulls = 0
  for (let i = 0; i < n; i++) {
    const rank = keys.rank[i]
    if (rank === Rank.Number) numbers++
    else if (rank === Rank.Null) nulls++
  }
  if (numbers === 0) return sortTexts(keys, n, descending)
  if (numbers + nulls < n) {
    // A plain array: V8 sorts it with a comparator several times faster than a typed array.
    const order = Array.from({ length: n }, (_, i) => i)
    order.sort((a, b) => compareKeys(keys, a, b, descending))
    return Uint32Array.from(order)
  }
  const numeric = new Uint32Array(numbers)
  const order = new Uint32Array(n)
  let k = 0
  let tail = numbers
  for (let i = 0; i < n; i++) {
    if (keys.rank[i] === Rank.Number) numeric[k++] = i
    else order[tail++] = i
  }
  order.set(radixSortPositions(keys.num, numeric, descending), 0)
  settleExactTies(keys, order, numbers, descending)
  return order
}

function settleExactTies(keys: SortKeys, order: Uint32Array, end: number, descending: boolean): void {
  let start = 0
  while (start < end) {
    let stop = start + 1
    const value = keys.num[order[start]!]!
    let exact = keys.text[order[start]!] !== undefined
    while (stop < end && keys.num[order[stop]!] === value) {
      if (keys.text[order[stop]!] !== undefined) exact = true
      stop++
    }
    if (exact && stop - start > 1) {
      const run = Array.from(order.subarray(start, stop)).sort((a, b) => compareKeys(keys, a, b, descending))
      order.set(run, start)
    }
    start = stop
  }
}

/** A column of text (or binary) and NULLs: a lean comparator on the strings, NULLs appended. */
function sortTexts(keys: SortKeys, n: number, descending: boolean): Uint32Array {
  const texts: number[] = []
  const nulls: number[] = []
  for (let i = 0; i < n; i++) (keys.rank[i] === Rank.Null ? nulls : texts).push(i)
  const text = keys.text
  const rank = keys.rank
  const sign = descending ? -1 : 1
  texts.sort((a, b) => {
    if (rank[a] !== rank[b]) return sign * (rank[a]! - rank[b]!)
    const x = text[a]!
    const y = text[b]!
    return x < y ? -sign : x > y ? sign : a - b
  })
  const order = new Uint32Array(n)
  order.set(texts, 0)
  order.set(nulls, texts.length)
  return order
}
