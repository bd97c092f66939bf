import { useEffect } from 'react'
import type { RefObject } from 'react'

/** Scrolls a strip sideways (only the strip, never the page) so its selected tab is wholly in view. */
export function revealSelected(strip: HTMLElement | null): void {
  const tab = strip?.querySelector<HTMLElement>('[aria-selected="true"]')
  if (!strip || !tab) return
  const outer = strip.getBoundingClientRect()
  const inner = tab.getBoundingClientRect()
  if (inner.left < outer.left) strip.scrollLeft -= outer.left - inner.left
  else if (inner.right > outer.right) strip.scrollLeft += Math.min(inner.right - outer.right, inner.left - outer.left)
}

/**
 * Keeps a tab strip's selected tab in view: when `selection` changes (another tab, a new one), when
 * that tab widens (its label grows), and when the strip itself changes width (window resized,
 * sidebar or panel dragged, collapsed).
 */
export function useSelectedInView(strip: RefObject<HTMLElement | null>, selection: string): void {
  useEffect(() => {
    revealSelected(strip.current)
    // The selected tab itself may widen after it is shown (a result tab's row count arrives later).
    const tab = strip.current?.querySelector<HTMLElement>('[aria-selected="true"]')
    if (!tab || typeof ResizeObserver === 'undefined') return
    let width = tab.offsetWidth
    const observer = new ResizeObserver(() => {
      if (tab.offsetWidth === width) return
      width = tab.offsetWidth
      revealSelected(strip.current)
    })
    observer.observe(tab)
    return () => observer.disconnect()
  }, [strip, selection])
  useEffect(() => {
    const element = strip.current
    if (!element || typeof ResizeObserver === 'undefined') return
    let width = element.clientWidth
    const observer = new ResizeObserver(() => {
      if (element.clientWidth === width) return
      width = element.clientWidth
      revealSelected(element)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [strip])
}
