import type { PlanNode } from '../../../shared/contract'

/** A plan node with its own share of the plan's cost (or time), for highlighting. */
export interface RankedNode {
  node: PlanNode
  /** Stable id within the plan: child indexes from the root ("0", "0.1"). */
  path: string
  /** This node's own cost or time: its figure minus what its children account for. */
  self: number | null
  /** self / the whole plan's total, 0..1; null without figures. */
  share: number | null
  /** Among the most expensive: the top node, and any taking at least HOT_SHARE of the total. */
  hot: boolean
  children: RankedNode[]
}

export const HOT_SHARE = 0.3

/**
 * Ranks nodes by measured time when the plan was analysed, else by estimated cost. Engines report
 * cumulative figures (a node includes its children); a node's own part is what remains after its
 * children's. A node without a figure passes its children's total up.
 */
export function rankPlan(root: PlanNode): { tree: RankedNode; metric: 'time' | 'cost' | null } {
  const all = flatten(root)
  const metric = all.some((n) => n.actualTimeMs !== null)
    ? 'time'
    : all.some((n) => n.estimatedCost !== null)
      ? 'cost'
      : null
  const value = (node: PlanNode): number | null =>
    metric === 'time' ? node.actualTimeMs : metric === 'cost' ? node.estimatedCost : null
  const covered = (node: PlanNode): number =>
    value(node) ?? node.children.reduce((sum, child) => sum + covered(child), 0)
  const total = covered(root)
  const build = (node: PlanNode, path: string): RankedNode => {
    const own = value(node)
    const self = own === null ? null : Math.max(0, own - node.children.reduce((sum, child) => sum + covered(child), 0))
    const share = self === null || total <= 0 ? null : self / total
    return {
      node,
      path,
      self,
      share,
      hot: false,
      children: node.children.map((child, i) => build(child, `${path}.${i}`)),
    }
  }
  const tree = build(root, '0')
  const ranked = flattenRanked(tree).filter((n) => n.share !== null && n.share > 0)
  const top = ranked.reduce<RankedNode | null>((best, n) => (best === null || n.share! > best.share! ? n : best), null)
  for (const n of ranked) n.hot = n === top || n.share! >= HOT_SHARE
  return { tree, metric }
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...node.children.flatMap(flatten)]
const flattenRanked = (node: RankedNode): RankedNode[] => [node, ...node.children.flatMap(flattenRanked)]
