import { memo } from 'react'
import { TID } from '../test-ids'
import { HEADER_HEIGHT, type Box } from './er-geometry'
import type { ErEdge } from './er-model'

/**
 * The diagram zoomed far out: every box and every relationship drawn as one path each (bodies,
 * headers, declared and inferred lines), no text. Thousands of tables then cost four SVG elements,
 * not tens of thousands; strokes keep one screen pixel whatever the zoom.
 */
export const ErOverview = memo(function ErOverview(props: {
  boxes: readonly (readonly [string, Box])[]
  edges: readonly ErEdge[]
  places: ReadonlyMap<string, Box>
  views: ReadonlySet<string>
}) {
  const { boxes, edges, places, views } = props
  const bodies: string[] = []
  const heads: string[] = []
  const viewHeads: string[] = []
  for (const [name, b] of boxes) {
    bodies.push(`M${b.x},${b.y}h${b.width}v${b.height}h${-b.width}z`)
    ;(views.has(name) ? viewHeads : heads).push(`M${b.x},${b.y}h${b.width}v${HEADER_HEIGHT}h${-b.width}z`)
  }
  const declared: string[] = []
  const inferred: string[] = []
  for (const edge of edges) {
    const a = places.get(edge.from)
    const b = places.get(edge.to)
    if (!a || !b) continue
    const right = b.x + b.width / 2 > a.x + a.width / 2
    const x1 = right ? a.x + a.width : a.x
    const x2 = right ? b.x : b.x + b.width
    ;(edge.inferred ? inferred : declared).push(`M${x1},${a.y + HEADER_HEIGHT / 2}L${x2},${b.y + HEADER_HEIGHT / 2}`)
  }
  return (
    <g className="er-overview" data-testid={TID.erOverview} data-count={boxes.length}>
      <path className="er-overview-edge" d={declared.join('')} />
      <path className="er-overview-edge er-overview-inferred" d={inferred.join('')} />
      <path className="er-overview-body" d={bodies.join('')} />
      <path className="er-overview-head" d={heads.join('')} />
      <path className="er-overview-head er-overview-view" d={viewHeads.join('')} />
    </g>
  )
})
