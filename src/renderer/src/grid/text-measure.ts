import { estimateText, type TextMeasure } from './column-widths'
import { GRID_FONTS } from './grid-layout'

/** Measures text with a canvas in the grid's fonts; falls back to estimates without a canvas. */
export function createTextMeasure(): TextMeasure {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (!context) return estimateText
  let font = ''
  return (text, role) => {
    // Assigning font re-parses it even when unchanged.
    if (font !== GRID_FONTS[role]) context.font = font = GRID_FONTS[role]
    return context.measureText(text).width
  }
}
