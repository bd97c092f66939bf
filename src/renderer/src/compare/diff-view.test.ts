import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract/row-batch-rows'
import type { WireValue } from '../../../shared/contract/values'
import { cellChanged, countsText, filterRows, nextDifference } from './diff-view'
import { diffResults } from './result-diff'

const side = (rows: WireValue[][]) => ({ columns: ['id', 'v'], batches: [encodeRows(rows, 2)] })

describe('diff view', () => {
  const diff = diffResults({
    pinned: side([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]),
    current: side([
      [1, 'a'],
      [2, 'B'],
      [3, 'c'],
      [5, 'e'],
    ]),
    key: ['id'],
  })

  it('filters rows by status and counts them', () => {
    expect(Array.from(filterRows(diff, 'all'))).toEqual([0, 1, 2, 3, 4])
    expect(Array.from(filterRows(diff, 'changed'))).toEqual([1])
    expect(Array.from(filterRows(diff, 'removed'))).toEqual([4])
    expect(Array.from(filterRows(diff, 'same'))).toEqual([0, 2])
    expect(countsText(diff.counts)).toBe('+1 −1 ~1 of 5')
  })

  it('steps to the next and previous difference, skipping same rows', () => {
    const rows = filterRows(diff, 'all')
    expect(nextDifference(diff, rows, -1, 1)).toBe(1)
    expect(nextDifference(diff, rows, 1, 1)).toBe(3)
    expect(nextDifference(diff, rows, 3, 1)).toBe(4)
    expect(nextDifference(diff, rows, 4, 1)).toBe(-1)
    expect(nextDifference(diff, rows, 3, -1)).toBe(1)
    expect(nextDifference(diff, rows, 1, -1)).toBe(-1)
  })

  it('marks the changed cells only', () => {
    expect(cellChanged(diff, 1, 1)).toBe(true)
    expect(cellChanged(diff, 1, 0)).toBe(false)
    expect(cellChanged(diff, 0, 1)).toBe(false)
  })
})
