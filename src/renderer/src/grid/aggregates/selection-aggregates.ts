import type { ResultColumn } from '../../../../shared/contract/model'
import type { WireValue } from '../../../../shared/contract/values'
import type { EngineId } from '../../../../shared/engines/engine-list'
import { formatCell } from '../cell-format'
import {
  addExact,
  cellNumber,
  compareExact,
  divideExact,
  exactText,
  exactToNumber,
  type CellNumber,
  type Exact,
} from './exact-number'

/** What the status bar shows of a selection. Numbers as text, exact for integers and decimals. */
export interface Aggregates {
  /** Cells selected. */
  cells: number
  /** Cells that are not NULL. */
  count: number
  /** Distinct non-NULL values. */
  distinct: number
  /** Cells holding a number: sum, avg, min and max are over those. */
  numbers: number
  sum: string | null
  avg: string | null
  min: string | null
  max: string | null
}

/** Extra digits of an average beyond its values' own. */
const AVG_DIGITS = 6

/** Folds cells one at a time; `result()` at any point. Exact sums in BigInt, floats apart. */
export class AggregateAccumulator {
  /** `engine`: whose notation the min and max of a float column take, as the grid shows them. */
  constructor(private readonly engine?: EngineId) {}

  private cells = 0
  private count = 0
  private readonly seen = new ShardedSet()
  private numbers = 0
  private exactSum: Exact = { units: 0n, scale: 0 }
  /** Integers are summed here first (no allocation), moved into exactSum before leaving 2^53. */
  private smallSum = 0
  private floatSum = 0
  private floats = 0
  private min: { number: CellNumber; text: string } | null = null
  private max: { number: CellNumber; text: string } | null = null

  add(value: WireValue, column: ResultColumn | undefined): void {
    this.cells++
    if (value === null) return
    this.count++
    if (typeof value === 'number' && Number.isSafeInteger(value)) return this.addSmall(value)
    const number = cellNumber(value, column)
    // A big integer's text is already canonical: its key needs no conversion back.
    const key = isTaggedInt(value) ? `n:${value.v}` : number && 'exact' in number ? exactKey(number.exact) : null
    this.seen.add(key ?? distinctKey(value))
    if (!number) return
    this.numbers++
    if ('exact' in number) {
      if (number.exact.scale === 0 && this.exactSum.scale === 0) this.exactSum.units += number.exact.units
      else this.exactSum = addExact(this.exactSum, number.exact)
    } else {
      this.floatSum += number.float
      this.floats++
    }
    if (!this.min || compare(number, this.min.number) < 0)
      this.min = { number, text: formatCell(value, column, this.engine).text }
    if (!this.max || compare(number, this.max.number) > 0)
      this.max = { number, text: formatCell(value, column, this.engine).text }
  }

  /** The common case, a safe integer: no BigInt unless the running sum would leave 2^53. */
  private addSmall(value: number): void {
    this.seen.add(`n:${value}`)
    this.numbers++
    const next = this.smallSum + value
    if (Number.isSafeInteger(next)) this.smallSum = next
    else {
      this.exactSum = addExact(this.exactSum, { units: BigInt(this.smallSum) + BigInt(value), scale: 0 })
      this.smallSum = 0
    }
    if (!this.min || lessThan(value, this.min.number)) this.min = { number: exactInt(value), text: String(value) }
    if (!this.max || lessThan(this.max.number, value)) this.max = { number: exactInt(value), text: String(value) }
  }

  result(): Aggregates {
    if (this.smallSum !== 0) {
      this.exactSum = addExact(this.exactSum, { units: BigInt(this.smallSum), scale: 0 })
      this.smallSum = 0
    }
    const base = { cells: this.cells, count: this.count, distinct: this.seen.size, numbers: this.numbers }
    if (this.numbers === 0) return { ...base, sum: null, avg: null, min: null, max: null }
    let sum: string
    let avg: string
    if (this.floats === 0) {
      sum = exactText(this.exactSum)
      avg = exactText(divideExact(this.exactSum, BigInt(this.numbers), this.exactSum.scale + AVG_DIGITS))
    } else {
      const total = exactToNumber(this.exactSum) + this.floatSum
      sum = floatText(total)
      avg = floatText(total / this.numbers)
    }
    return { ...base, sum, avg, min: this.min?.text ?? null, max: this.max?.text ?? null }
  }
}

/**
 * A double as a spreadsheet shows it: 15 significant digits, the most a double holds for every
 * decimal, so a sum of prices reads 2927.85 and not 2927.8500000000004 (rounding noise).
 */
const floatText = (value: number): string =>
  Number.isFinite(value) ? String(Number(value.toPrecision(15))) : String(value)

const isTaggedInt = (value: WireValue): value is { $: 'int'; v: string } =>
  typeof value === 'object' && value !== null && value.$ === 'int'

const exactInt = (value: number): CellNumber => ({ exact: { units: BigInt(value), scale: 0 } })

/** a < b where one side is a safe integer (compared as a double: exact for safe integers against integers). */
function lessThan(a: number | CellNumber, b: number | CellNumber): boolean {
  const x = typeof a === 'number' ? exactInt(a) : a
  const y = typeof b === 'number' ? exactInt(b) : b
  return compare(x, y) < 0
}

/** The distinct key of an exact number: equal values, equal keys (1.50 and 1.5). */
const exactKey = (a: Exact): string => (a.scale === 0 ? `n:${a.units}` : `n:${exactText(a)}`)

function compare(a: CellNumber, b: CellNumber): number {
  if ('exact' in a && 'exact' in b && a.exact.scale === 0 && b.exact.scale === 0) {
    return a.exact.units < b.exact.units ? -1 : a.exact.units > b.exact.units ? 1 : 0
  }
  if ('exact' in a && 'exact' in b) return compareExact(a.exact, b.exact)
  const x = 'exact' in a ? exactToNumber(a.exact) : a.float
  const y = 'exact' in b ? exactToNumber(b.exact) : b.float
  return x < y ? -1 : x > y ? 1 : 0
}

function distinctKey(value: WireValue): string {
  if (typeof value === 'string') return `s:${value}`
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${String(value)}`
  return `t:${JSON.stringify(value)}`
}

/**
 * A set of strings split over many small Sets: growing one Set of a million keys rehashes it
 * whole in one step (a pause of hundreds of ms); small shards rehash in slivers.
 */
class ShardedSet {
  private readonly shards = Array.from({ length: 256 }, () => new Set<string>())

  add(key: string): void {
    const n = key.length
    const hash = (key.charCodeAt(n - 1) * 31 + key.charCodeAt(n - 2) * 7 + key.charCodeAt(n >> 1)) & 255
    this.shards[hash]!.add(key)
  }

  get size(): number {
    return this.shards.reduce((sum, shard) => sum + shard.size, 0)
  }
}
