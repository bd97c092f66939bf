import type { ElkNode } from 'elkjs/lib/elk-api'
import type { LayoutRequest } from './er-layout'

/** ELK's layered layout, left to right (parents to the right of their children), components packed. */
const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'LEFT',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.componentComponent': '60',
  'elk.separateConnectedComponents': 'true',
  'elk.aspectRatio': '1.6',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
}

/**
 * Above this many tables, the cheaper strategies (measured on the 2,000-table bench schema, loaded
 * 2-core machine: 35 s with the defaults above, 15 s with these): one pass of crossing reduction
 * instead of sweeps, longest-path layering, simple node placement, straight edge routing (the view
 * draws its own curves), input order not considered.
 */
export const LARGE_GRAPH = 300
const LARGE_OPTIONS = {
  ...OPTIONS,
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.considerModelOrder.strategy': 'NONE',
}

/** The ELK graph of a layout request (pure: the worker runs it). */
export function elkGraph(request: Omit<LayoutRequest, 'id'>): ElkNode {
  return {
    id: 'root',
    layoutOptions: request.nodes.length > LARGE_GRAPH ? LARGE_OPTIONS : OPTIONS,
    children: request.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: request.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  }
}

/** A small diagram the worker lays out as it starts, so elkjs's code is compiled before a real one arrives. */
export const WARM_UP: Omit<LayoutRequest, 'id'> = {
  nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 120, height: 80 })),
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'ac', source: 'a', target: 'c' },
  ],
}
