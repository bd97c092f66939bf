import { QuarryFailure } from '../../shared/contract'
import type { PlanNode } from '../../shared/contract'
import type { QueryResult } from './driver'

/** A plan node with nothing known but its label; parsers fill in what their engine reports. */
export const planNode = (label: string, fields: Partial<Omit<PlanNode, 'label'>> = {}): PlanNode => ({
  label,
  details: [],
  estimatedRows: null,
  estimatedCost: null,
  actualRows: null,
  actualTimeMs: null,
  children: [],
  ...fields,
})

/** A number from an EXPLAIN field (engines print some as strings: MySQL's "1.20"); null if none. */
export function planNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

/** A field's value as the text a detail shows. */
export function detailText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.join(', ')
  return JSON.stringify(value)
}

/** The JSON document of an EXPLAIN that answers with one row of one JSON text cell. */
export function explainJson(result: QueryResult, engine: string): unknown {
  const cell = result.rows[0]?.[0]
  if (typeof cell !== 'string') throw unexpected(engine, 'no JSON plan in its first cell')
  try {
    return JSON.parse(cell)
  } catch {
    throw unexpected(engine, 'the plan is not valid JSON')
  }
}

export const unexpected = (engine: string, why: string): QuarryFailure =>
  new QuarryFailure({ kind: 'internal', message: `Unexpected EXPLAIN output from ${engine}: ${why}` })

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
