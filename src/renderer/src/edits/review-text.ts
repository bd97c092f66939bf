import type { EditPlan } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'

/** A bound value as the review lists it: strings quoted (so '' and NULL differ), every digit kept. */
export function paramText(value: WireValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
  if (typeof value !== 'object') return String(value)
  if (value.$ === 'bytes') return `\\x${value.v.slice(0, 64)}${value.v.length > 64 ? '…' : ''} (${value.n} bytes)`
  return value.v
}

/** The whole apply as a script to copy: the wrapper and each statement (values as literals), one a line. */
export function planText(plan: EditPlan): string {
  const end = (sql: string) => (sql.trimEnd().endsWith(';') ? sql.trimEnd() : `${sql.trimEnd()};`)
  return [plan.transaction.begin, ...plan.statements.map((s) => s.display), plan.transaction.end].map(end).join('\n')
}
