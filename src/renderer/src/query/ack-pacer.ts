import { scrolledWithin } from '../grid/scroll-activity'

/** A scroll this recent still counts as scrolling. */
const SCROLLING_MS = 150
/** While the user scrolls, one batch is let through per this many ms (5,000 rows: about 100k rows/s). */
const SCROLLING_GAP_MS = 50

/**
 * Acknowledges a stream's batches to main, which sends a batch only while fewer than its window are
 * unacknowledged. Normally at once; while the user scrolls a grid, one per SCROLLING_GAP_MS, so
 * batches arrive (and are decoded and stored on this thread) at a pace that leaves the frames to
 * the scroll, and main and the server read less meanwhile. Once the scrolling stops, what is held
 * is acknowledged together. Acks are cumulative in main: each one sent is the latest seq.
 */
export class AckPacer {
  private held: number[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = Number.NEGATIVE_INFINITY

  constructor(
    private readonly send: (seq: number) => void,
    private readonly scrolling: () => boolean = () => scrolledWithin(SCROLLING_MS),
    private readonly gapMs: number = SCROLLING_GAP_MS,
  ) {}

  ack(seq: number): void {
    if (this.held.length === 0 && !this.scrolling()) return this.sendNow(seq)
    this.held.push(seq)
    this.schedule()
  }

  /** Drops what is held (the run ended or was cancelled: main no longer waits for it). */
  clear(): void {
    this.held = []
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(): void {
    if (this.timer !== null) return
    const wait = Math.max(0, this.lastSent + this.gapMs - performance.now())
    this.timer = setTimeout(() => this.release(), wait)
  }

  private release(): void {
    this.timer = null
    if (this.held.length === 0) return
    if (this.scrolling()) {
      this.sendNow(this.held.shift()!)
    } else {
      this.sendNow(this.held[this.held.length - 1]!)
      this.held = []
    }
    if (this.held.length > 0) this.schedule()
  }

  private sendNow(seq: number): void {
    this.lastSent = performance.now()
    this.send(seq)
  }
}
