import { MEASURES } from './measures'
import type { BenchEngine, Goal, MeasureSpec, Unit } from './measures'

/** Raw figures of one bench run: per engine, per measure, one value per repetition. */
export type Samples = Partial<Record<BenchEngine, Record<string, number[]>>>

/** A repetition whose figure was thrown away, and why (e.g. the row count did not match). */
export interface Rejected {
  engine: BenchEngine
  measure: string
  reason: string
}

/** One line of the report: a measure's median on one engine, its goal and its ratio. */
export interface SummaryRow {
  engine: BenchEngine
  measure: string
  label: string
  unit: Unit
  values: number[]
  median: number | null
  /** median / the reference's median, where the measure has a reference. */
  ratio: number | null
  goal: Goal | null
  /** Whether the median meets its goal; null without goal or value. */
  meets: boolean | null
  /** Why there is no figure, when there is none. */
  missing: string | null
}

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (finite.length === 0) return null
  const middle = Math.floor(finite.length / 2)
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2
}

/** The p-th percentile (0..100), nearest rank; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

/** value / reference, or null when either is missing or the reference is zero. */
export function ratio(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || reference === 0) return null
  return value / reference
}

/** Whether a figure meets its goal (a ratio goal is judged on the ratio). */
export function meetsGoal(goal: Goal | null, value: number | null, valueRatio: number | null): boolean | null {
  if (!goal) return null
  if ('minRatio' in goal) return valueRatio === null ? null : valueRatio >= goal.minRatio
  if (value === null) return null
  return 'max' in goal ? value <= goal.max : value >= goal.min
}

/** Medians, ratios and verdicts for every measure of every engine that ran. */
export function summarise(
  samples: Samples,
  rejected: readonly Rejected[] = [],
  measures: readonly MeasureSpec[] = MEASURES,
): SummaryRow[] {
  const rows: SummaryRow[] = []
  for (const [engine, byMeasure] of Object.entries(samples) as Array<[BenchEngine, Record<string, number[]>]>) {
    const medianOf = (id: string): number | null => median(byMeasure[id] ?? [])
    for (const spec of measures) {
      const values = byMeasure[spec.id] ?? []
      const reasons = rejected.filter((r) => r.engine === engine && r.measure === spec.id).map((r) => r.reason)
      if (values.length === 0 && reasons.length === 0) continue
      const value = medianOf(spec.id)
      const valueRatio = spec.reference ? ratio(value, medianOf(spec.reference)) : null
      const goal = spec.goal?.(engine) ?? null
      rows.push({
        engine,
        measure: spec.id,
        label: spec.label,
        unit: spec.unit,
        values,
        median: value,
        ratio: valueRatio,
        goal,
        meets: meetsGoal(goal, value, valueRatio),
        missing: value === null ? `invalid: ${[...new Set(reasons)].join('; ') || 'no value'}` : null,
      })
    }
  }
  return rows
}
