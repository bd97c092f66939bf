import type { GraphTable } from '../../../shared/contract'
import type { ErEdge } from './er-model'

export const HEADER_HEIGHT = 30
export const ROW_HEIGHT = 20
/** Columns listed in a box; the rest are summed up in one "+ N more" row. */
export const MAX_ROWS = 30
const CHAR_WIDTH = 7
const MIN_WIDTH = 170
const MAX_WIDTH = 360

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** The rows a table's box lists (at most MAX_ROWS, the last one a "+ N more" when cut). */
export function shownRows(table: GraphTable): number {
  return table.columns.length > MAX_ROWS ? MAX_ROWS + 1 : Math.max(1, table.columns.length)
}

/** A table's box size: wide enough for its name and its longest "name  type" row, within bounds. */
export function boxSize(table: GraphTable): { width: number; height: number } {
  const longest = Math.max(
    table.name.length + 4,
    ...table.columns.slice(0, MAX_ROWS).map((c) => c.name.length + c.type.length + 6),
  )
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest * CHAR_WIDTH + 24))
  return { width, height: HEADER_HEIGHT + shownRows(table) * ROW_HEIGHT + 6 }
}

/** First places before the layout arrives: a grid in the given order, so the view is usable at once. */
export function gridPlaces(sizes: Map<string, { width: number; height: number }>): Map<string, Box> {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(sizes.size * 1.6)))
  const boxes = new Map<string, Box>()
  let x = 0
  let y = 0
  let rowHeight = 0
  let index = 0
  for (const [name, size] of sizes) {
    if (index > 0 && index % perRow === 0) {
      x = 0
      y += rowHeight + 60
      rowHeight = 0
    }
    boxes.set(name, { x, y, ...size })
    x += size.width + 60
    rowHeight = Math.max(rowHeight, size.height)
    index++
  }
  return boxes
}

/** The y of a column's row centre in its box (the "+ N more" row for a column not listed). */
export function columnY(box: Box, table: GraphTable | undefined, column: string): number {
  const index = table ? table.columns.findIndex((c) => c.name === column) : -1
  const row = index < 0 ? 0 : Math.min(index, MAX_ROWS)
  return box.y + HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2 + 3
}

/** An edge's ends: from the child's column row to the parent's, each on the side facing the other. */
export function edgeEnds(
  edge: ErEdge,
  child: Box,
  parent: Box,
  tables: Map<string, GraphTable>,
): { x1: number; y1: number; x2: number; y2: number; dir1: 1 | -1; dir2: 1 | -1 } {
  const y1 = columnY(child, tables.get(edge.from), edge.fromColumns[0] ?? '')
  const y2 = columnY(parent, tables.get(edge.to), edge.toColumns[0] ?? '')
  if (edge.from === edge.to) {
    const x = child.x + child.width
    return { x1: x, y1, x2: x, y2, dir1: 1, dir2: 1 }
  }
  const parentRight = parent.x + parent.width / 2 > child.x + child.width / 2
  const x1 = parentRight ? child.x + child.width : child.x
  const x2 = parentRight ? parent.x : parent.x + parent.width
  return { x1, y1, x2, y2, dir1: parentRight ? 1 : -1, dir2: parentRight ? -1 : 1 }
}

/** The SVG path of an edge: a smooth curve leaving and entering its boxes horizontally. */
export function edgePath(ends: ReturnType<typeof edgeEnds>): string {
  const { x1, y1, x2, y2, dir1, dir2 } = ends
  const bend = Math.max(40, Math.abs(x2 - x1) / 2)
  const a = x1 + dir1 * 14
  const b = x2 + dir2 * 14
  return `M${x1},${y1} L${a},${y1} C${a + dir1 * bend},${y1} ${b + dir2 * bend},${y2} ${b},${y2} L${x2},${y2}`
}

/** Cardinality marks at an end: crow's foot (many), bar (one), circle (optional). `dir` points away from the box. */
export function endMark(x: number, y: number, dir: 1 | -1, kind: 'many' | 'one' | 'optional-one'): string {
  const d = dir
  if (kind === 'many')
    return `M${x + d * 12},${y} L${x},${y - 6} M${x + d * 12},${y} L${x},${y + 6} M${x + d * 12},${y - 6} L${x + d * 12},${y + 6}`
  if (kind === 'one')
    return `M${x + d * 6},${y - 6} L${x + d * 6},${y + 6} M${x + d * 10},${y - 6} L${x + d * 10},${y + 6}`
  return `M${x + d * 6},${y - 6} L${x + d * 6},${y + 6}`
}

/** Whether two boxes overlap (the view draws only what meets the visible area). */
export const meets = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
