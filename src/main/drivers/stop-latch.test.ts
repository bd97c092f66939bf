import { describe, expect, it } from 'vitest'
import { StopLatch } from './stop-latch'

describe('StopLatch', () => {
  it('lets work through while not stopped, and keeps no waiter once it settles', async () => {
    const latch = new StopLatch()
    expect(await latch.race(Promise.resolve('batch'))).toBe('batch')
    await expect(latch.race(Promise.reject(new Error('engine error')))).rejects.toThrow('engine error')
    expect((latch as unknown as { waiters: Set<unknown> }).waiters.size).toBe(0)
  })

  it('fails pending and later races and waits with the stop failure', async () => {
    const latch = new StopLatch()
    const pending = latch.race(new Promise(() => undefined))
    const waiting = latch.wait()
    latch.stop(new Error('cancelled'))
    latch.stop(new Error('second stop is ignored'))
    await expect(pending).rejects.toThrow('cancelled')
    await expect(waiting).rejects.toThrow('cancelled')
    await expect(latch.race(Promise.resolve(1))).rejects.toThrow('cancelled')
    expect(latch.stopped).toBe(true)
  })
})
