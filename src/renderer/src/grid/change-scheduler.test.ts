import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pacedScheduler } from './change-scheduler'
import type { Scheduler } from './change-scheduler'

/** A frame scheduler that runs on the next macrotask, so fake timers drive it. */
const nextTick: Scheduler = (flush) => {
  const id = setTimeout(flush, 0)
  return () => clearTimeout(id)
}

describe('pacedScheduler', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('flushes the first change at once, then at most once per interval', () => {
    const schedule = pacedScheduler(100, nextTick)
    const flushed: number[] = []
    schedule(() => flushed.push(performance.now()))
    vi.advanceTimersByTime(1)
    expect(flushed).toHaveLength(1)
    schedule(() => flushed.push(performance.now()))
    vi.advanceTimersByTime(50)
    expect(flushed).toHaveLength(1)
    vi.advanceTimersByTime(60)
    expect(flushed).toHaveLength(2)
    expect(flushed[1]! - flushed[0]!).toBeGreaterThanOrEqual(100)
  })

  it('can be cancelled before it runs', () => {
    const schedule = pacedScheduler(100, nextTick)
    const flush = vi.fn()
    schedule(() => undefined)
    vi.advanceTimersByTime(1)
    const cancel = schedule(flush)
    cancel()
    vi.advanceTimersByTime(500)
    expect(flush).not.toHaveBeenCalled()
  })
})
