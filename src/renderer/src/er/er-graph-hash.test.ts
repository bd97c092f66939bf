import { describe, expect, it } from 'vitest'
import { graphHash } from './er-graph-hash'
import { elkGraph, LARGE_GRAPH } from './er-layout-graph'

const sizes = (entries: [string, number, number][]) => new Map(entries.map(([n, w, h]) => [n, { width: w, height: h }]))

describe('the layout cache key', () => {
  const a = sizes([
    ['orders', 200, 96],
    ['customers', 170, 76],
  ])
  const edges = [{ source: 'orders', target: 'customers' }]

  it('is the same for the same graph in any order', () => {
    const reordered = sizes([
      ['customers', 170, 76],
      ['orders', 200, 96],
    ])
    expect(graphHash(a, edges)).toBe(graphHash(reordered, [...edges]))
    expect(graphHash(a, edges)).toMatch(/^[0-9a-f]{16}$/)
  })

  it('changes when a box grows, a table comes or goes, or a relationship changes', () => {
    const base = graphHash(a, edges)
    expect(
      graphHash(
        sizes([
          ['orders', 200, 116],
          ['customers', 170, 76],
        ]),
        edges,
      ),
    ).not.toBe(base)
    expect(graphHash(sizes([['orders', 200, 96]]), edges)).not.toBe(base)
    expect(graphHash(a, [])).not.toBe(base)
    expect(graphHash(a, [{ source: 'customers', target: 'orders' }])).not.toBe(base)
  })
})

describe('layout options', () => {
  const request = (n: number) => ({
    id: 1,
    nodes: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, width: 170, height: 76 })),
    edges: [],
  })
  it('uses the cheaper strategies above LARGE_GRAPH tables only', () => {
    expect(elkGraph(request(LARGE_GRAPH)).layoutOptions?.['elk.layered.crossingMinimization.strategy']).toBeUndefined()
    expect(elkGraph(request(LARGE_GRAPH + 1)).layoutOptions?.['elk.layered.crossingMinimization.strategy']).toBe('NONE')
  })
})
