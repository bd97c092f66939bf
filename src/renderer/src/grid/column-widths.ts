import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import { formatCell } from './cell-format'

/** The fonts a width is measured in: cell text, header name (bold) and header type (small). */
export type TextRole = 'cell' | 'name' | 'type'

/** Width of a text in px; the grid passes a canvas measurer, tests use the estimate. */
export type TextMeasure = (text: string, role: TextRole) => number

/** Bounds of a column's initial width: wide enough to read, narrow enough to see several. */
export const MIN_INITIAL_WIDTH = 60
export const MAX_INITIAL_WIDTH = 400
/** Widest a double-click on the header edge makes a column. */
export const MAX_FIT_WIDTH = 800
/** Bounds of a width the user drags to. */
export const MIN_WIDTH = 32
export const MAX_WIDTH = 4000
/** Left and right padding of a cell plus room for the resize handle. */
export const CELL_PADDING = 20
/** Room kept beside a header's name for the sort arrow (and its order number), so sorting never squeezes the name. */
export const SORT_ARROW_ROOM = 16
/** Rows of the first batch looked at to size columns. */
export const WIDTH_SAMPLE_ROWS = 200

/** How many of the longest sampled texts are measured. */
const MEASURED_TEXTS = 8

const AVERAGE_CHAR_PX: Record<TextRole, number> = { cell: 7, name: 7.5, type: 6 }

/** Width from character counts, for when there is no DOM (tests). */
export const estimateText: TextMeasure = (text, role) => text.length * AVERAGE_CHAR_PX[role]

/** Width that fits a column's header and its widest sampled value, clamped to [60, max]. */
export function initialColumnWidth(
  column: ResultColumn,
  sample: readonly WireValue[],
  measure: TextMeasure = estimateText,
  max = MAX_INITIAL_WIDTH,
): number {
  let widest = Math.max(measure(column.name, 'name') + SORT_ARROW_ROOM, measure(column.type ?? '', 'type'))
  // Measuring is the costly part; the longest few texts stand in for the widest ones.
  const texts = sample.map((value) => formatCell(value, column).text.slice(0, 80))
  texts.sort((a, b) => b.length - a.length)
  for (const text of texts.slice(0, MEASURED_TEXTS)) {
    if (text.length > 0) widest = Math.max(widest, measure(text, 'cell'))
  }
  return clampWidth(Math.ceil(widest + CELL_PADDING), MIN_INITIAL_WIDTH, max)
}

/** Clamps a width to [min, max]. */
export function clampWidth(px: number, min = MIN_WIDTH, max = MAX_WIDTH): number {
  return Math.min(max, Math.max(min, Math.round(px)))
}
