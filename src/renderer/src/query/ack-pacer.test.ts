import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AckPacer } from './ack-pacer'

describe('AckPacer: batches acknowledged at once, paced while the user scrolls', () => {
  let scrolling = false
  let sent: number[] = []
  let pacer: AckPacer
  beforeEach(() => {
    vi.useFakeTimers()
    scrolling = false
    sent = []
    pacer = new AckPacer(
      (seq) => sent.push(seq),
      () => scrolling,
      50,
    )
  })
  afterEach(() => {
    pacer.clear()
    vi.useRealTimers()
  })

  it('acknowledges each batch at once when nobody scrolls', () => {
    for (const seq of [0, 1, 2]) pacer.ack(seq)
    expect(sent).toEqual([0, 1, 2])
  })

  it('while scrolling, lets one batch through per gap, in order', () => {
    pacer.ack(0)
    scrolling = true
    for (const seq of [1, 2, 3]) pacer.ack(seq)
    expect(sent).toEqual([0])
    vi.advanceTimersByTime(49)
    expect(sent).toEqual([0])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([0, 1])
    vi.advanceTimersByTime(50)
    expect(sent).toEqual([0, 1, 2])
  })

  it('once the scrolling stops, acknowledges everything held in one (acks are cumulative)', () => {
    scrolling = true
    for (const seq of [0, 1, 2, 3]) pacer.ack(seq)
    vi.advanceTimersByTime(0) // the first held one goes at once: nothing was sent for a gap
    expect(sent).toEqual([0])
    scrolling = false
    vi.advanceTimersByTime(50)
    expect(sent).toEqual([0, 3])
    // Later batches go at once again.
    pacer.ack(4)
    expect(sent).toEqual([0, 3, 4])
  })

  it('keeps order behind held acks even when the scrolling has just stopped', () => {
    scrolling = true
    pacer.ack(0)
    scrolling = false
    pacer.ack(1)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(50)
    expect(sent).toEqual([1])
  })

  it('sends nothing held after clear (the run ended)', () => {
    scrolling = true
    pacer.ack(0)
    pacer.clear()
    vi.advanceTimersByTime(500)
    expect(sent).toEqual([])
  })
})
