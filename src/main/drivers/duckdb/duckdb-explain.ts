import type { PlanNode } from '../../../shared/contract'
import type { PlanExplainer, QueryResult } from '../driver'
import { detailText, isRecord, planNode, planNumber, unexpected } from '../plan-node'

/**
 * DuckDB: `EXPLAIN (FORMAT JSON)` answers one row (physical_plan, a JSON array of operators with
 * their estimated cardinality); `EXPLAIN (ANALYZE, FORMAT JSON)` runs the statement and answers its
 * profile (analyzed_plan: operators with the rows they produced and their time). DuckDB reports
 * no costs.
 */
export const duckdbExplainer: PlanExplainer = {
  statement: (sql, analyze) => `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${sql}`,
  parse: parseDuckdbPlan,
}

const SECONDS_TO_MS = 1_000

/** The short name of a scanned table ("memory.main.books" → "books"), shown in the node's label. */
const tableOf = (extra: Record<string, unknown>): string | null =>
  typeof extra['Table'] === 'string' ? (extra['Table'].split('.').at(-1) ?? null) : null

function readNode(raw: unknown): PlanNode {
  if (!isRecord(raw)) throw unexpected('DuckDB', 'a plan node is not an object')
  const extra = isRecord(raw['extra_info']) ? raw['extra_info'] : {}
  const name = String(raw['operator_name'] ?? raw['name'] ?? raw['operator_type'] ?? 'operator').trim()
  const table = tableOf(extra)
  const analyzed = 'operator_cardinality' in raw
  const details = Object.entries(extra)
    .filter(([key]) => key !== 'Estimated Cardinality')
    .map(([key, value]) => [key, detailText(value)] as [string, string])
  return planNode(table ? `${name} ${table}` : name, {
    details,
    estimatedRows: planNumber(extra['Estimated Cardinality']),
    actualRows: analyzed ? planNumber(raw['operator_cardinality']) : null,
    actualTimeMs: analyzed ? (planNumber(raw['operator_timing']) ?? 0) * SECONDS_TO_MS : null,
    children: Array.isArray(raw['children']) ? raw['children'].map(readNode) : [],
  })
}

/** Reads either form of DuckDB's JSON plan into the plan tree. */
export function parseDuckdbPlan(result: QueryResult): PlanNode {
  const row = result.rows[0]
  if (typeof row?.[1] !== 'string') throw unexpected('DuckDB', 'no JSON plan in the explain_value column')
  let document: unknown
  try {
    document = JSON.parse(row[1])
  } catch {
    throw unexpected('DuckDB', 'the plan is not valid JSON')
  }
  if (Array.isArray(document)) {
    const nodes = document.map(readNode)
    return nodes.length === 1 ? nodes[0]! : planNode('Plan', { children: nodes })
  }
  if (!isRecord(document) || !Array.isArray(document['children']))
    throw unexpected('DuckDB', 'no operators in the profile')
  // The profile's top is the query; its one child is the EXPLAIN_ANALYZE operator, above the plan.
  const top = document['children'].map(readNode)
  const operators = top.length === 1 && /^EXPLAIN_ANALYZE$/.test(top[0]!.label) ? top[0]!.children : top
  return planNode('Query', {
    actualRows: operators.length === 1 ? operators[0]!.actualRows : null,
    actualTimeMs: (planNumber(document['latency']) ?? 0) * SECONDS_TO_MS,
    children: operators,
  })
}
