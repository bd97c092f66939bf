import type { PlanNode } from '../../../shared/contract'
import type { PlanExplainer } from '../driver'
import { detailText, explainJson, isRecord, planNode, planNumber, unexpected } from '../plan-node'

/** Fields shown as the node's label or numbers, not repeated among its details. */
const SHOWN = new Set([
  'Node Type',
  'Plans',
  'Relation Name',
  'Schema',
  'Alias',
  'Total Cost',
  'Plan Rows',
  'Actual Total Time',
  'Actual Rows',
  'Actual Loops',
])

/** PostgreSQL: `EXPLAIN (FORMAT JSON)`, with ANALYZE and BUFFERS when measuring. */
export const postgresExplainer: PlanExplainer = {
  statement: (sql, analyze) => `EXPLAIN (${analyze ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) ${sql}`,
  parse: (result) => parsePostgresPlan(explainJson(result, 'PostgreSQL')),
}

/** Reads `EXPLAIN (FORMAT JSON)` output: `[{ "Plan": {…}, "Planning Time", "Execution Time" }]`. */
export function parsePostgresPlan(document: unknown): PlanNode {
  const top = Array.isArray(document) ? document[0] : undefined
  if (!isRecord(top) || !isRecord(top['Plan'])) throw unexpected('PostgreSQL', 'no "Plan" object')
  const root = node(top['Plan'])
  const timings = Object.entries(top).filter(([key]) => key !== 'Plan')
  root.details.push(...timings.map(([key, value]): [string, string] => [key, detailText(value)]))
  return root
}

function node(plan: Record<string, unknown>): PlanNode {
  const children = Array.isArray(plan['Plans']) ? plan['Plans'].filter(isRecord).map(node) : []
  // Actual rows and time are averages per loop: a node run 1,000 times in a nested loop costs 1,000 times that.
  const loops = planNumber(plan['Actual Loops']) ?? 1
  const actualRows = planNumber(plan['Actual Rows'])
  const actualTime = planNumber(plan['Actual Total Time'])
  return planNode(label(plan), {
    details: Object.entries(plan)
      .filter(([key]) => !SHOWN.has(key))
      .map(([key, value]) => [key, detailText(value)]),
    estimatedRows: planNumber(plan['Plan Rows']),
    estimatedCost: planNumber(plan['Total Cost']),
    actualRows: actualRows === null ? null : actualRows * loops,
    actualTimeMs: actualTime === null ? null : actualTime * loops,
    children,
  })
}

function label(plan: Record<string, unknown>): string {
  const type = typeof plan['Node Type'] === 'string' ? plan['Node Type'] : 'Node'
  const relation = plan['Relation Name']
  if (typeof relation !== 'string') return type
  const schema = typeof plan['Schema'] === 'string' ? `${plan['Schema']}.` : ''
  const alias = typeof plan['Alias'] === 'string' && plan['Alias'] !== relation ? ` ${plan['Alias']}` : ''
  return `${type} on ${schema}${relation}${alias}`
}
