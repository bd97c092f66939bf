/** Runs `flush` once, later; returns a function that cancels it if it has not run yet. */
export type Scheduler = (flush: () => void) => () => void

/** The fallback interval when there are no animation frames (Node, tests, hidden windows). */
export const THROTTLE_MS = 50

/** Flushes after a fixed delay. */
export const timerScheduler =
  (ms: number = THROTTLE_MS): Scheduler =>
  (flush) => {
    const id = setTimeout(flush, ms)
    return () => clearTimeout(id)
  }

/** Flushes on the next animation frame, so a burst of batches costs one render per frame. */
export const frameScheduler: Scheduler = (flush) => {
  const id = requestAnimationFrame(flush)
  return () => cancelAnimationFrame(id)
}

/**
 * At most one flush per `intervalMs`, on an animation frame: the first change paints at once,
 * a stream of later ones repaints ~10 times a second instead of every frame, which leaves the
 * CPU to the stream itself.
 */
export function pacedScheduler(intervalMs: number, frame: Scheduler = defaultSchedulerFn()): Scheduler {
  let last = -Infinity
  return (flush) => {
    let cancelFrame: (() => void) | null = null
    const run = (): void => {
      cancelFrame = frame(() => {
        last = performance.now()
        flush()
      })
    }
    const wait = last + intervalMs - performance.now()
    if (wait <= 0) {
      run()
      return () => cancelFrame?.()
    }
    const timer = setTimeout(run, wait)
    return () => {
      clearTimeout(timer)
      cancelFrame?.()
    }
  }
}

function defaultSchedulerFn(): Scheduler {
  return typeof requestAnimationFrame === 'function' ? frameScheduler : timerScheduler()
}

/** Animation frames when the environment has them, else a ~50 ms timer. */
export const defaultScheduler: Scheduler =
  typeof requestAnimationFrame === 'function' ? frameScheduler : timerScheduler()

/** A scheduler driven by hand: tests call run() to deliver what is pending. */
export class ManualScheduler {
  private pending: (() => void)[] = []

  /** Pass this to the store. */
  readonly schedule: Scheduler = (flush) => {
    this.pending.push(flush)
    return () => {
      this.pending = this.pending.filter((f) => f !== flush)
    }
  }

  /** How many flushes are waiting. */
  get size(): number {
    return this.pending.length
  }

  /** Runs every pending flush. */
  run(): void {
    const due = this.pending
    this.pending = []
    for (const flush of due) flush()
  }
}
