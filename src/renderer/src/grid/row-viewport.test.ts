import { describe, expect, it } from 'vitest'
import { ROW_HEIGHT } from './grid-layout'
import { MAX_CANVAS_ROWS_HEIGHT, ROW_PAGE, RowViewport } from './row-viewport'

const VIEW = 480 // 20 rows

describe('RowViewport below the canvas cap', () => {
  const vp = new RowViewport(1_000, VIEW)

  it('maps scrollTop to the same offset and back', () => {
    expect(vp.scaled).toBe(false)
    expect(vp.canvasRowsHeight).toBe(24_000)
    expect(vp.offsetFromScrollTop(1_200)).toBe(1_200)
    expect(vp.scrollTopFromOffset(1_200)).toBe(1_200)
    expect(vp.offsetFromScrollTop(1e9)).toBe(24_000 - VIEW)
  })

  it('renders the rows in view plus overscan, clamped to the result', () => {
    expect(vp.range(0, 10)).toEqual({ first: 0, end: 30, base: 0 })
    expect(vp.range(24 * 500 + 12, 10)).toEqual({ first: 490, end: 531, base: 0 })
    expect(vp.range(vp.maxOffset, 10)).toMatchObject({ first: 970, end: 1_000 })
    expect(new RowViewport(0, VIEW).range(0, 10)).toEqual({ first: 0, end: 0, base: 0 })
  })

  it('keeps the rows layer still while scrolling within a page', () => {
    // Unscaled, offset === scrollTop: the layer sits under the header, shifted by its page only.
    expect(vp.layerTop(1_200, 1_200, 0, 38)).toBe(38)
  })

  it('reveals a row by moving as little as possible', () => {
    expect(vp.offsetToReveal(5, 0)).toBe(0)
    expect(vp.offsetToReveal(25, 0)).toBe(26 * ROW_HEIGHT - VIEW)
    expect(vp.offsetToReveal(3, 240)).toBe(72)
    expect(vp.offsetToReveal(999, 0)).toBe(vp.maxOffset)
  })
})

describe('RowViewport past the canvas cap (5,000,000 rows)', () => {
  const rows = 5_000_000
  const vp = new RowViewport(rows, VIEW)

  it('bounds the canvas and scales scroll positions end to end', () => {
    expect(vp.contentHeight).toBe(120_000_000)
    expect(vp.scaled).toBe(true)
    expect(vp.canvasRowsHeight).toBe(MAX_CANVAS_ROWS_HEIGHT)
    expect(vp.offsetFromScrollTop(0)).toBe(0)
    expect(vp.offsetFromScrollTop(vp.maxScrollTop)).toBe(vp.maxOffset)
    expect(vp.scrollTopFromOffset(vp.maxOffset)).toBe(vp.maxScrollTop)
    const middle = vp.offsetFromScrollTop(vp.maxScrollTop / 2)
    expect(middle).toBeCloseTo(vp.maxOffset / 2, 3)
  })

  it('reaches the last row at the bottom of the scrollbar', () => {
    const range = vp.range(vp.offsetFromScrollTop(vp.maxScrollTop), 10)
    expect(range.end).toBe(rows)
    expect(range.first).toBe(rows - 20 - 10)
    expect(range.base).toBe(rows - ROW_PAGE)
  })

  it('places the row at the offset exactly at the viewport top, with small numbers', () => {
    const offset = vp.offsetToReveal(rows - 1, 0)
    const scrollTop = vp.scrollTopFromOffset(offset)
    const { first, base } = vp.range(offset, 0)
    const layer = vp.layerTop(offset, scrollTop, base, 38)
    // The viewport's top (scrollTop + header) shows the content at `offset`.
    const rowTopInCanvas = layer + (first - base) * ROW_HEIGHT
    expect(rowTopInCanvas - (scrollTop + 38)).toBeCloseTo(first * ROW_HEIGHT - offset, 6)
    expect(Math.abs(layer)).toBeLessThan(MAX_CANVAS_ROWS_HEIGHT + 38)
  })
})
