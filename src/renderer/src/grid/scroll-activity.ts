/**
 * When the user last scrolled a grid (performance.now()), so the rest of the page can give way while
 * they do: a streaming query paces its rows (see AckPacer) and the frames go to the scroll.
 */
let lastScroll = Number.NEGATIVE_INFINITY

/** A grid was scrolled by the user now. */
export function noteScroll(at: number = performance.now()): void {
  lastScroll = at
}

/** Whether the user scrolled a grid within the last `ms`. */
export function scrolledWithin(ms: number, now: number = performance.now()): boolean {
  return now - lastScroll < ms
}
