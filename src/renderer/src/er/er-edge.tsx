import { memo } from 'react'
import type { GraphTable } from '../../../shared/contract'
import { TID } from '../test-ids'
import { edgeEnds, edgePath, endMark, type Box } from './er-geometry'
import type { ErEdge } from './er-model'

/** One relationship: a curve from the child's column to the parent's, with cardinality marks. */
export const ErEdgeLine = memo(function ErEdgeLine(props: {
  edge: ErEdge
  child: Box
  parent: Box
  tables: Map<string, GraphTable>
  active: boolean
}) {
  const { edge, child, parent, tables, active } = props
  const ends = edgeEnds(edge, child, parent, tables)
  const childMark = endMark(ends.x1, ends.y1, ends.dir1, edge.oneToOne ? 'one' : 'many')
  const parentMark = endMark(ends.x2, ends.y2, ends.dir2, edge.optional ? 'optional-one' : 'one')
  const label = edge.inferred ? 'inferred' : edge.name
  return (
    <g
      className={`er-edge${edge.inferred ? ' er-edge-inferred' : ''}${active ? ' er-edge-active' : ''}`}
      data-testid={TID.erEdge}
      data-from={edge.from}
      data-to={edge.to}
    >
      <title>{`${edge.from}.${edge.fromColumns.join(', ')} → ${edge.to}.${edge.toColumns.join(', ')} (${label})`}</title>
      <path className="er-edge-line" d={edgePath(ends)} />
      <path className="er-edge-mark" d={`${childMark} ${parentMark}`} />
      {edge.optional ? <circle className="er-edge-optional" cx={ends.x2 + ends.dir2 * 15} cy={ends.y2} r={4} /> : null}
      {edge.inferred ? (
        <text className="er-edge-label" x={(ends.x1 + ends.x2) / 2} y={(ends.y1 + ends.y2) / 2 - 5} textAnchor="middle">
          inferred
        </text>
      ) : null}
    </g>
  )
})
