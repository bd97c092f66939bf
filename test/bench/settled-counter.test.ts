import { describe, expect, it } from 'vitest'
import { settled } from '../../bench/settled-counter'

const FAST = { moveWithinMs: 200, stillForMs: 20, pollMs: 5 }

/** A counter that reads each value of `values` in turn, then keeps the last. */
const counter = (values: number[]) => {
  let i = 0
  return async () => values[Math.min(i++, values.length - 1)]!
}

describe('settled', () => {
  it('waits for the counter to move, then for it to hold still, and gives the delta', async () => {
    expect(await settled(counter([100, 100, 100, 250, 400, 400]), 100, FAST)).toBe(300)
  })

  it('takes a counter that moved before the first read as it stands once still', async () => {
    expect(await settled(counter([400]), 100, FAST)).toBe(300)
  })

  it('refuses a counter that never moves (an open reads at least one row)', async () => {
    await expect(settled(counter([100]), 100, FAST)).rejects.toThrow(/counted no rows read within 0.2 s/)
  })
})
