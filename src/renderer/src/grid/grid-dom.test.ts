import { describe, expect, it } from 'vitest'
import { rowsBySlot } from './grid-dom'
import { RowViewport } from './row-viewport'

/** The slot (element key) each row of a window gets. */
const keys = (first: number, end: number, slots: number): Map<number, number> => {
  const { rows, slots: size } = rowsBySlot(first, end, slots)
  return new Map(rows.map((row) => [row, row % size]))
}

describe('rowsBySlot', () => {
  it('gives every row of the window once, in slot order', () => {
    const { rows, slots } = rowsBySlot(25, 45, 22)
    expect(slots).toBe(22)
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 25 + i))
    expect(rows.map((row) => row % slots)).toEqual([...rows.map((row) => row % slots)].sort((a, b) => a - b))
    expect(rows[0]).toBe(44) // slot 0
  })

  it('keeps a row in the same slot while it stays in view, and hands a leaving row its slot to an entering one', () => {
    const before = keys(100, 156, 56)
    const after = keys(110, 166, 56)
    for (let row = 110; row < 156; row++) expect(after.get(row)).toBe(before.get(row))
    // The ten rows that left freed the ten slots the ten rows that came in take.
    const freed = [...before].filter(([row]) => row < 110).map(([, slot]) => slot)
    const taken = [...after].filter(([row]) => row >= 156).map(([, slot]) => slot)
    expect(taken.sort((a, b) => a - b)).toEqual(freed.sort((a, b) => a - b))
  })

  it('lists the slots in the same order before and after a move, so React moves no element', () => {
    const order = (first: number): number[] => rowsBySlot(first, first + 56, 56).rows.map((row) => row % 56)
    expect(order(300)).toEqual(order(317))
  })

  it('widens the slots when a window has more rows than slots (keys stay unique)', () => {
    const { rows, slots } = rowsBySlot(0, 30, 10)
    expect(slots).toBe(30)
    expect(new Set(rows.map((row) => row % slots)).size).toBe(30)
    expect(rowsBySlot(5, 5, 10).rows).toEqual([])
  })

  it('has enough slots for any range of its viewport', () => {
    for (const height of [0, 23, 480, 731, 1900]) {
      const vp = new RowViewport(100_000, height)
      const slots = vp.slots(10)
      expect(slots % 2).toBe(0)
      for (let offset = 0; offset < 5_000; offset += 7) {
        const { first, end } = vp.range(offset, 10)
        expect(end - first).toBeLessThanOrEqual(slots)
      }
    }
  })
})
