import { QuarryFailure } from '../../../shared/contract'
import type { PlanNode } from '../../../shared/contract'
import type { PlanExplainer } from '../driver'
import { detailText, explainJson, isRecord, planNode, planNumber, unexpected } from '../plan-node'
import { flavorOf } from './mysql-flavor'

/**
 * MySQL and MariaDB: `EXPLAIN FORMAT=JSON`. Measuring is MariaDB's `ANALYZE FORMAT=JSON`
 * (MySQL prints EXPLAIN ANALYZE only as a text tree).
 */
export const mysqlExplainer: PlanExplainer = {
  statement: (sql, analyze, serverVersion) => {
    if (!analyze) return `EXPLAIN FORMAT=JSON ${sql}`
    if (serverVersion !== null && flavorOf(serverVersion) === 'mariadb') return `ANALYZE FORMAT=JSON ${sql}`
    throw new QuarryFailure({
      kind: 'invalid-input',
      message: 'Measured plans (ANALYZE FORMAT=JSON) need MariaDB; MySQL prints EXPLAIN ANALYZE only as text',
    })
  },
  parse: (result) => parseMysqlPlan(explainJson(result, 'MySQL')),
}

/** Fields read into the node's label and numbers rather than its details. */
const SHOWN = new Set([
  'table_name',
  'access_type',
  'cost_info',
  'rows',
  'rows_produced_per_join',
  'r_rows',
  'r_loops',
  'r_total_time_ms',
  'r_table_time_ms',
  'r_other_time_ms',
  'cost',
  'select_id',
])

/** Reads `{"query_block": {…}}`: every nested operation (nested_loop, ordering_operation, table…) is a node. */
export function parseMysqlPlan(document: unknown): PlanNode {
  if (!isRecord(document) || !isRecord(document['query_block'])) throw unexpected('MySQL', 'no "query_block" object')
  return operation('query_block', document['query_block'])
}

function operation(key: string, body: Record<string, unknown>): PlanNode {
  const node = planNode(label(key, body), numbers(key, body))
  for (const [field, value] of Object.entries(body)) {
    if (SHOWN.has(field)) continue
    if (isRecord(value)) node.children.push(operation(field, value))
    else if (Array.isArray(value) && value.some(isRecord))
      node.children.push(...value.filter(isRecord).flatMap(unwrap(field)))
    else node.details.push([field, detailText(value)])
  }
  const cost = body['cost_info']
  if (isRecord(cost)) node.details.push(...Object.entries(cost).map(([k, v]): [string, string] => [k, detailText(v)]))
  return node
}

/** Items of nested_loop and the like are `{ "table": {…} }` wrappers: their one field is the operation. */
const unwrap =
  (field: string) =>
  (item: Record<string, unknown>): PlanNode[] => {
    const entries = Object.entries(item)
    const only = entries.length === 1 ? entries[0] : undefined
    if (only && isRecord(only[1])) return [operation(only[0], only[1])]
    return [operation(field, item)]
  }

function label(key: string, body: Record<string, unknown>): string {
  if (key === 'table') {
    const access = typeof body['access_type'] === 'string' ? ` (${body['access_type']})` : ''
    return `table ${String(body['table_name'] ?? '?')}${access}`
  }
  if (key === 'query_block' && body['select_id'] !== undefined) return `query_block #${String(body['select_id'])}`
  return key
}

function numbers(key: string, body: Record<string, unknown>): Partial<PlanNode> {
  const cost = isRecord(body['cost_info']) ? body['cost_info'] : {}
  // A table's own cost is reading plus evaluating its rows; a block's is the query's total.
  const own = sum(planNumber(cost['read_cost']), planNumber(cost['eval_cost']))
  const estimatedCost =
    key === 'table' ? (own ?? planNumber(body['cost'])) : (planNumber(cost['query_cost']) ?? planNumber(body['cost']))
  const loops = planNumber(body['r_loops']) ?? 1
  const actualRows = planNumber(body['r_rows'])
  return {
    estimatedRows: planNumber(body['rows_produced_per_join']) ?? planNumber(body['rows']),
    estimatedCost,
    // MariaDB's r_rows is per loop; r_total_time_ms already covers all loops.
    actualRows: actualRows === null ? null : actualRows * loops,
    // Tables in MariaDB 10.x report their time in two parts instead of a total.
    actualTimeMs:
      planNumber(body['r_total_time_ms']) ??
      sum(planNumber(body['r_table_time_ms']), planNumber(body['r_other_time_ms'])),
  }
}

const sum = (a: number | null, b: number | null): number | null =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0)
