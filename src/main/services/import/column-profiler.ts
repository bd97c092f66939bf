import type { ColumnProfile, ColumnVerbatim, ValueExample, ValueKind } from '../../../shared/contract/import-model'
import { DATE_PATTERNS, formatText, readTemporal } from './temporal-formats'
import { Shape, decimalDigits, numericShape } from './value-shape'

const BOOLEAN = /^(true|false|t|f|yes|no|y|n)$/i
/** First characters of the boolean words (t f y n, either case). */
const BOOLEAN_FIRST = new Set([...'tfynTFYN'].map((c) => c.charCodeAt(0)))
const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n
/** A kind is proposed when it takes at least this share of a column's values; the rest are problems. */
const MAJORITY = 0.9
const EXAMPLES = 3

/** Dates and timestamps as ISO text, exactly as the import writes them (a zone of -00:00 it writes +00:00). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?(\+\d{2}:\d{2}|-(?!00:00)\d{2}:\d{2})?$/
/** Distinct boolean spellings kept; one more: some other spelling was met too. */
const SPELLINGS = 4

type Group = 'boolean' | 'integer' | 'decimal' | 'double' | 'temporal'

/** Fits and misses of one candidate kind. */
class Tally {
  fits = 0
  readonly misses: ValueExample[] = []
}

/**
 * Learns one column from every value it is shown, in constant memory: which kinds take each value,
 * integer ranges, decimal digits, the date orders that fit, NULLs and the longest value.
 */
export class ColumnProfiler {
  private values = 0
  private nulls = 0
  private maxLength = 0
  private min = 0
  private max = 0
  private intDigits = 0
  private scale = 0
  private withTime = 0
  private withZone = 0
  private readonly patternFits = DATE_PATTERNS.map(() => new Tally())
  private readonly tallies: Record<Exclude<Group, 'temporal'>, Tally> = {
    boolean: new Tally(),
    integer: new Tally(),
    decimal: new Tally(),
    double: new Tally(),
  }

  /** Every tally, in the bit order `add` uses: boolean, integer, decimal, double, then the date orders. */
  private readonly all: Tally[]
  /** Every tally has its examples of misses. */
  private examplesFull = false
  private readonly verbatimFacts: ColumnVerbatim = {
    integers: true,
    numbers: true,
    dates: true,
    timestamps: true,
    booleans: [],
  }

  constructor(readonly name: string) {
    const t = this.tallies
    this.all = [t.boolean, t.integer, t.decimal, t.double, ...this.patternFits]
  }

  /** Takes one value (`row`: its 1-based data row, for examples). */
  add(value: string | null, row: number): void {
    if (value === null) {
      this.nulls++
      return
    }
    this.values++
    const length = value.length
    if (length > this.maxLength) this.maxLength = length
    // One pass tells the numeric kinds apart; the regular expressions run only where one could fit.
    const shape = numericShape(value)
    const first = value.charCodeAt(0)
    const integer = shape === Shape.Integer && this.takeInteger(value)
    const decimal = shape === Shape.Integer || shape === Shape.Decimal
    if (decimal) this.takeDecimal(value)
    // Dates and timestamps start with a digit and are never plain numbers.
    const temporal = shape === Shape.None && first >= 48 && first <= 57 ? readTemporal(value) : null
    let fits = (temporal?.patterns ?? 0) << 4
    if (length <= 5 && BOOLEAN_FIRST.has(first) && BOOLEAN.test(value)) {
      fits |= 1
      const spellings = this.verbatimFacts.booleans
      if (spellings.length <= SPELLINGS && !spellings.includes(value)) spellings.push(value)
    }
    if (temporal) this.takeTemporalText(value)
    if (shape === Shape.Float && !/\d/.test(value)) this.verbatimFacts.numbers = false
    if (integer) fits |= 2
    if (decimal) fits |= 4
    if (shape !== Shape.None) fits |= 8
    if (temporal?.time) this.withTime++
    if (temporal?.zone) this.withZone++
    // A value no kind takes, once every kind has its examples, changes no tally: skip them.
    if (fits === 0 && this.examplesFull) return
    const all = this.all
    let full = true
    for (let i = 0; i < all.length; i++) {
      const tally = all[i]!
      if (fits & (1 << i)) tally.fits++
      else if (tally.misses.length < EXAMPLES) tally.misses.push({ row, value })
      if (tally.misses.length < EXAMPLES) full = false
    }
    this.examplesFull = full
  }

  private takeTemporalText(value: string): void {
    const facts = this.verbatimFacts
    if (facts.dates && !ISO_DATE.test(value)) facts.dates = false
    if (facts.timestamps && !ISO_STAMP.test(value)) facts.timestamps = false
  }

  /** Whether the values were written as the import writes them (see ColumnVerbatim). */
  verbatim(): ColumnVerbatim {
    return { ...this.verbatimFacts, booleans: [...this.verbatimFacts.booleans] }
  }

  private takeInteger(value: string): boolean {
    // Canonical: 0, or a first digit (after an optional minus) that is not 0.
    const c = value.charCodeAt(value.charCodeAt(0) === 45 ? 1 : 0)
    if (value !== '0' && !(c > 48 && c <= 57)) this.verbatimFacts.integers = false
    if (value.length > 15) {
      const big = BigInt(value)
      if (big > INT64_MAX || big < INT64_MIN) return false
      this.min = Math.min(this.min, Number(big))
      this.max = Math.max(this.max, Number(big))
      return true
    }
    const n = Number(value)
    if (n < this.min) this.min = n
    if (n > this.max) this.max = n
    return true
  }

  private takeDecimal(value: string): void {
    const { whole, scale } = decimalDigits(value)
    if (whole > this.intDigits) this.intDigits = whole
    if (scale > this.scale) this.scale = scale
  }

  /** The column as learned: the narrowest kind taking every value, else one taking most (the rest problems). */
  profile(): Omit<ColumnProfile, 'proposedType'> {
    const n = this.values
    const base = {
      name: this.name,
      format: null,
      alternatives: [] as string[],
      precision: Math.max(1, this.intDigits + this.scale),
      scale: this.scale,
      maxLength: this.maxLength,
      nulls: this.nulls,
    }
    const t = this.tallies
    const temporal = this.patternFits.map((tally, i) => ({ tally, pattern: DATE_PATTERNS[i]! }))
    const bestTemporal = temporal.reduce((a, b) => (b.tally.fits > a.tally.fits ? b : a))
    const candidates: { kind: ValueKind; tally: Tally }[] = [
      { kind: 'boolean', tally: t.boolean },
      { kind: this.integerKind(), tally: t.integer },
      { kind: 'decimal', tally: t.decimal },
      { kind: 'double', tally: t.double },
      { kind: this.temporalKind(), tally: bestTemporal.tally },
    ]
    const chosen =
      n === 0
        ? undefined
        : (candidates.find((c) => c.tally.fits === n) ??
          candidates.filter((c) => c.tally.fits >= n * MAJORITY).sort((a, b) => b.tally.fits - a.tally.fits)[0])
    if (!chosen) return { ...base, kind: 'text', problems: 0, examples: [] }
    const isTemporal = chosen.tally === bestTemporal.tally && chosen.kind !== 'boolean'
    const time = chosen.kind !== 'date'
    const zone = chosen.kind === 'timestamptz'
    return {
      ...base,
      kind: chosen.kind,
      format: isTemporal ? formatText(bestTemporal.pattern, time, zone) : null,
      alternatives: isTemporal
        ? temporal
            .filter((c) => c !== bestTemporal && c.tally.fits === bestTemporal.tally.fits)
            .map((c) => formatText(c.pattern, time, zone))
        : [],
      problems: n - chosen.tally.fits,
      examples: chosen.tally.misses,
    }
  }

  private integerKind(): ValueKind {
    if (this.min >= -32768 && this.max <= 32767) return 'smallint'
    if (this.min >= -2147483648 && this.max <= 2147483647) return 'integer'
    return 'bigint'
  }

  private temporalKind(): ValueKind {
    if (this.withTime === 0) return 'date'
    return this.withZone > 0 ? 'timestamptz' : 'timestamp'
  }
}
