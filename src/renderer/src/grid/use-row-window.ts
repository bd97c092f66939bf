import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'
import { HEADER_HEIGHT, ROW_HEIGHT } from './grid-layout'
import { RowViewport, type RowRange } from './row-viewport'
import { noteScroll } from './scroll-activity'

/** Rows rendered beyond the view on the side it moves towards (both sides until it has moved). */
const OVERSCAN = 10
/**
 * Rows kept on the side the view moves away from. Fast scrolling replaces every row in each frame,
 * so rows behind the view are work no one sees; a few keep a reversal from showing blanks.
 */
const OVERSCAN_BEHIND = 3
/** Pixels per wheel "line" (deltaMode 1) and per "page" fraction (deltaMode 2). */
const LINE_PX = ROW_HEIGHT

interface Position {
  offset: number
  scrollTop: number
  /** Which way the view last moved: 1 down, -1 up, 0 not yet. */
  direction: number
}

/** The direction from one offset to the next, keeping the last one when it did not move. */
const directionOf = (from: Position, offset: number): number =>
  offset > from.offset ? 1 : offset < from.offset ? -1 : from.direction

/** What the grid renders rows from, and how it moves the view. */
export interface RowWindow {
  viewport: RowViewport
  range: RowRange
  /** Translation of the rows' layer (see RowViewport.layerTop). */
  layerTop: number
  /** Height of the scroll canvas, header included. */
  canvasHeight: number
  /** Scrolls so `row` is fully in view. */
  reveal(row: number): void
  /** Rows that fit in the viewport (for PageUp/PageDown). */
  pageRows: number
  /** Row elements kept (see RowViewport.slots): a row's element is its slot, `row % slots`. */
  slots: number
}

/**
 * Row windowing for fixed-height rows: arithmetic, O(rows in view), whatever the row count. Past
 * the browser's element-height cap the canvas stays bounded and scroll positions are scaled
 * (RowViewport); then the wheel moves the content pixel for pixel rather than by the scaled step.
 */
export function useRowWindow(
  scrollerRef: RefObject<HTMLDivElement | null>,
  rowCount: number,
  reset: unknown,
): RowWindow {
  const [position, setPosition] = useState<Position>({ offset: 0, scrollTop: 0, direction: 0 })
  const [viewportHeight, setViewportHeight] = useState(0)
  const viewport = useMemo(() => new RowViewport(rowCount, viewportHeight), [rowCount, viewportHeight])
  const viewportRef = useRef(viewport)
  viewportRef.current = viewport
  const positionRef = useRef(position)
  positionRef.current = position
  /** The scrollTop this hook set last: its scroll event is ours, not the user's. */
  const ownScrollTop = useRef<number | null>(null)
  /** The animation frame that will follow the user's scroll (0: none pending). */
  const followFrame = useRef(0)

  const moveTo = useCallback(
    (offset: number) => {
      const el = scrollerRef.current
      const vp = viewportRef.current
      const clamped = vp.clampOffset(offset)
      const target = vp.scrollTopFromOffset(clamped)
      // A scroll still to be followed is older than this move.
      cancelAnimationFrame(followFrame.current)
      followFrame.current = 0
      if (el) {
        el.scrollTop = target
        ownScrollTop.current = el.scrollTop
      }
      const scrollTop = el ? el.scrollTop : target
      setPosition((from) => ({ offset: clamped, scrollTop, direction: directionOf(from, clamped) }))
    },
    [scrollerRef],
  )

  useLayoutEffect(() => {
    const el = scrollerRef.current
    if (!el) return
    const measure = (): void => setViewportHeight(Math.max(0, el.clientHeight - HEADER_HEIGHT))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    // The scroll event only notes where the view is; the rows follow in this frame's animation
    // callbacks, rendered at once (flushSync): the grid writes after every scroll listener (the
    // column virtualizer's too) has read the position, and the new rows are in the frame that
    // scrolled rather than in a task after it.
    let seen = 0
    const follow = (): void => {
      followFrame.current = 0
      const scrollTop = seen
      const offset = viewportRef.current.offsetFromScrollTop(scrollTop)
      flushSync(() => setPosition((from) => ({ offset, scrollTop, direction: directionOf(from, offset) })))
    }
    const onScroll = (): void => {
      const scrollTop = el.scrollTop
      const own = ownScrollTop.current
      ownScrollTop.current = null
      if (own !== null && Math.abs(own - scrollTop) < 1) return
      noteScroll()
      seen = scrollTop
      if (followFrame.current === 0) followFrame.current = requestAnimationFrame(follow)
    }
    const onWheel = (e: WheelEvent): void => {
      const vp = viewportRef.current
      if (!vp.scaled || e.ctrlKey || Math.abs(e.deltaY) < Math.abs(e.deltaX)) return
      e.preventDefault()
      noteScroll()
      const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? vp.viewportHeight : 1
      moveTo(positionRef.current.offset + e.deltaY * unit)
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      cancelAnimationFrame(followFrame.current)
      followFrame.current = 0
      observer.disconnect()
      el.removeEventListener('scroll', onScroll)
      el.removeEventListener('wheel', onWheel)
    }
  }, [scrollerRef, moveTo])

  // Rows arriving change the scale, not the content in view: keep the offset, re-place the thumb.
  useLayoutEffect(() => {
    if (viewport.scaled) moveTo(positionRef.current.offset)
  }, [viewport, moveTo])

  // A new result starts at the top.
  useEffect(() => moveTo(0), [reset, moveTo])

  const reveal = useCallback(
    (row: number) => moveTo(viewportRef.current.offsetToReveal(row, positionRef.current.offset)),
    [moveTo],
  )

  const { direction } = position
  const above = direction > 0 ? OVERSCAN_BEHIND : OVERSCAN
  const below = direction < 0 ? OVERSCAN_BEHIND : OVERSCAN
  const range = viewport.range(position.offset, above, below)
  return {
    viewport,
    range,
    layerTop: viewport.layerTop(position.offset, position.scrollTop, range.base, HEADER_HEIGHT),
    canvasHeight: HEADER_HEIGHT + viewport.canvasRowsHeight,
    reveal,
    pageRows: Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1),
    slots: viewport.slots(OVERSCAN),
  }
}
