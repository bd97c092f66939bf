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

/** The ELK graph of a layout request (pure: the worker runs it). */
export function elkGraph(request: LayoutRequest): ElkNode {
  return {
    id: 'root',
    layoutOptions: OPTIONS,
    children: request.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: request.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  }
}
