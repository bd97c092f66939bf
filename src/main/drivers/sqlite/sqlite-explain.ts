import type { PlanNode } from '../../../shared/contract'
import type { PlanExplainer, QueryResult } from '../driver'
import { planNode, unexpected } from '../plan-node'
import { QuarryFailure } from '../../../shared/contract'

/** SQLite: `EXPLAIN QUERY PLAN` (rows of id, parent, notused, detail). It has no estimates to show. */
export const sqliteExplainer: PlanExplainer = {
  statement: (sql, analyze) => {
    if (analyze) {
      throw new QuarryFailure({ kind: 'invalid-input', message: 'SQLite cannot measure a plan (no EXPLAIN ANALYZE)' })
    }
    return `EXPLAIN QUERY PLAN ${sql}`
  },
  parse: parseSqlitePlan,
}

/** Builds the tree from `EXPLAIN QUERY PLAN` rows, each naming its parent's id (0: the top). */
export function parseSqlitePlan(result: QueryResult): PlanNode {
  const names = result.columns.map((column) => column.name.toLowerCase())
  const [idAt, parentAt, detailAt] = ['id', 'parent', 'detail'].map((name) => names.indexOf(name))
  if (
    idAt === undefined ||
    parentAt === undefined ||
    detailAt === undefined ||
    Math.min(idAt, parentAt, detailAt) < 0
  ) {
    throw unexpected('SQLite', `columns ${names.join(', ')} instead of id, parent, detail`)
  }
  const root = planNode('QUERY PLAN')
  const byId = new Map<number, PlanNode>([[0, root]])
  for (const row of result.rows) {
    const node = planNode(String(row[detailAt]))
    byId.set(Number(row[idAt]), node)
    // Rows come parents first; a parent never seen hangs under the top rather than vanishing.
    ;(byId.get(Number(row[parentAt])) ?? root).children.push(node)
  }
  return root
}
