import { describe, expect, it } from 'vitest'
import type { PlanNode } from '../../../shared/contract'
import { rankPlan } from './plan-rank'
import type { RankedNode } from './plan-rank'

const node = (label: string, fields: Partial<PlanNode> = {}, children: PlanNode[] = []): PlanNode => ({
  label,
  details: [],
  estimatedRows: null,
  estimatedCost: null,
  actualRows: null,
  actualTimeMs: null,
  children,
  ...fields,
})
const flat = (n: RankedNode): RankedNode[] => [n, ...n.children.flatMap(flat)]
const summary = (root: PlanNode) => {
  const { tree, metric } = rankPlan(root)
  return { metric, nodes: flat(tree).map((n) => [n.node.label, n.self, n.hot]) }
}

describe('rankPlan', () => {
  it('by estimated cost: a node’s own part is its cumulative cost minus its children’s', () => {
    const plan = node('Hash Join', { estimatedCost: 100 }, [
      node('Seq Scan on big', { estimatedCost: 80 }),
      node('Hash', { estimatedCost: 5 }, [node('Seq Scan on small', { estimatedCost: 4 })]),
    ])
    expect(summary(plan)).toEqual({
      metric: 'cost',
      nodes: [
        ['Hash Join', 15, false],
        ['Seq Scan on big', 80, true],
        ['Hash', 1, false],
        ['Seq Scan on small', 4, false],
      ],
    })
  })

  it('by measured time when analysed, even if costs are there too', () => {
    const plan = node('Nested Loop', { estimatedCost: 10, actualTimeMs: 40 }, [
      node('Seq Scan on a', { estimatedCost: 9, actualTimeMs: 5 }),
      node('Index Scan on b', { estimatedCost: 1, actualTimeMs: 30 }),
    ])
    expect(summary(plan)).toEqual({
      metric: 'time',
      nodes: [
        ['Nested Loop', 5, false],
        ['Seq Scan on a', 5, false],
        ['Index Scan on b', 30, true],
      ],
    })
  })

  it('a node without figures passes its children’s up (MySQL’s operations), and several can be hot', () => {
    const plan = node('query_block #1', { estimatedCost: 10 }, [
      node('nested_loop', {}, [
        node('table a (ALL)', { estimatedCost: 4 }),
        node('table b (ref)', { estimatedCost: 4 }),
      ]),
    ])
    expect(summary(plan).nodes).toEqual([
      ['query_block #1', 2, false],
      ['nested_loop', null, false],
      ['table a (ALL)', 4, true],
      ['table b (ref)', 4, true],
    ])
  })

  it('highlights nothing when the engine gives no figures (SQLite)', () => {
    expect(summary(node('QUERY PLAN', {}, [node('SCAN t')]))).toEqual({
      metric: null,
      nodes: [
        ['QUERY PLAN', null, false],
        ['SCAN t', null, false],
      ],
    })
  })
})
