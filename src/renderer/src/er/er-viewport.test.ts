import { describe, expect, it } from 'vitest'
import { extent, fitTo, visibleArea, zoomAt } from './er-viewport'

describe('ER viewport', () => {
  it('zooms around the pointer and stays within bounds', () => {
    const view = zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50)
    expect(view).toEqual({ k: 2, x: -100, y: -50 })
    expect(zoomAt(view, 100, 0, 0).k).toBe(2.5)
  })

  it('fits the boxes inside the screen, never above 100%', () => {
    const area = extent([
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 900, y: 300, width: 100, height: 100 },
    ])
    expect(area).toEqual({ x: 0, y: 0, width: 1000, height: 400 })
    const view = fitTo(area, 532, 400)
    expect(view.k).toBeCloseTo(0.468)
    const seen = visibleArea(view, 532, 400)
    expect(seen.x).toBeLessThanOrEqual(0)
    expect(seen.x + seen.width).toBeGreaterThanOrEqual(1000)
    expect(fitTo({ x: 0, y: 0, width: 10, height: 10 }, 800, 600).k).toBe(1)
  })
})
