import type { Box } from './er-geometry'

/** The view's pan and zoom: screen = diagram × k + (x, y). */
export interface Viewport {
  x: number
  y: number
  k: number
}

/** Far enough out to fit a 2,000-table schema on one screen (drawn as the overview there). */
export const MIN_ZOOM = 0.02
export const MAX_ZOOM = 2.5

const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k))

/** Zooms by `factor` keeping the screen point (px, py) still. */
export function zoomAt(view: Viewport, factor: number, px: number, py: number): Viewport {
  const k = clampZoom(view.k * factor)
  const ratio = k / view.k
  return { k, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio }
}

/** The extent of the boxes (null when there are none). */
export function extent(boxes: Iterable<Box>): Box | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const b of boxes) {
    minX = Math.min(minX, b.x)
    minY = Math.min(minY, b.y)
    maxX = Math.max(maxX, b.x + b.width)
    maxY = Math.max(maxY, b.y + b.height)
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}

/** The viewport showing all of `area` in a screen of that size, with a margin, at most 100%. */
export function fitTo(area: Box | null, width: number, height: number): Viewport {
  if (!area || width <= 0 || height <= 0) return { x: 20, y: 20, k: 1 }
  const margin = 32
  const k = clampZoom(Math.min(1, (width - margin * 2) / area.width, (height - margin * 2) / area.height))
  return { k, x: (width - area.width * k) / 2 - area.x * k, y: (height - area.height * k) / 2 - area.y * k }
}

/** The viewport centred on a box at 100% (or the current zoom when closer). */
export function centreOn(box: Box, view: Viewport, width: number, height: number): Viewport {
  const k = Math.max(view.k, 1)
  return { k, x: width / 2 - (box.x + box.width / 2) * k, y: height / 2 - (box.y + box.height / 2) * k }
}

/** The diagram area a screen of that size shows. */
export const visibleArea = (view: Viewport, width: number, height: number): Box => ({
  x: -view.x / view.k,
  y: -view.y / view.k,
  width: width / view.k,
  height: height / view.k,
})
