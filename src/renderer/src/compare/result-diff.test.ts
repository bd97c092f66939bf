import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract/row-batch-rows'
import type { WireValue } from '../../../shared/contract/values'
import { ADDED, CHANGED, DiffInputError, REMOVED, SAME, diffResults, type DiffResult } from './result-diff'

const side = (columns: string[], ...batches: WireValue[][][]) => ({
  columns,
  batches: batches.map((rows) => encodeRows(rows, columns.length)),
})

/** Each row of the diff as [status, current row, pinned row, changed column names]. */
function rowsOf(diff: DiffResult, columns: string[]): [number, number, number, string[]][] {
  return Array.from(diff.status, (status, i) => [
    status,
    diff.currentRow[i]!,
    diff.pinnedRow[i]!,
    columns.filter((_, c) => (diff.changed[i * diff.words + (c >> 5)]! & (1 << (c & 31))) !== 0),
  ])
}

describe('diffResults', () => {
  it('finds added, removed and changed rows on a key, across batches', () => {
    const columns = ['id', 'name', 'qty']
    const pinned = side(
      columns,
      [
        [1, 'a', 10],
        [2, 'b', 20],
      ],
      [
        [3, 'c', 30],
        [4, 'd', 40],
      ],
    )
    const current = side(
      columns,
      [
        [4, 'd', 41],
        [1, 'a', 10],
      ],
      [
        [5, 'e', 50],
        [3, 'C', 30],
      ],
    )
    const diff = diffResults({ pinned, current, key: ['id'] })
    expect(diff.counts).toEqual({ same: 1, changed: 2, added: 1, removed: 1 })
    expect(rowsOf(diff, columns)).toEqual([
      [CHANGED, 0, 3, ['qty']],
      [SAME, 1, 0, []],
      [ADDED, 2, -1, []],
      [CHANGED, 3, 2, ['name']],
      [REMOVED, -1, 1, []],
    ])
  })

  it('compares values exactly whatever layout each batch chose for the column', () => {
    const columns = ['id', 'v']
    const big = (v: string): WireValue => ({ $: 'int', v })
    // The pinned side's batch makes `v` a TAGGED column (mixed kinds); the current one's compact kinds.
    const pinned = side(columns, [
      [1, 7],
      [2, ''],
      [3, big('9223372036854775807')],
      [4, { $: 'bytes', v: '00ff', n: 2 }],
      [5, 'x'],
      [6, true],
      [7, 1.5],
      [8, 2],
    ])
    const current = side(
      columns,
      [[1, 7]], // I32
      [[2, null]], // NULL is not ''
      [[3, big('9223372036854775806')]], // I64, one digit off
      [[4, { $: 'bytes', v: '00fe', n: 2 }]],
      [[5, 'x']], // TEXT_FIXED
      [[6, true]], // BOOL
      [[7, 1.5]], // F64
      [
        [8, 2],
        [9, 2.5],
      ], // F64 holding an int
    )
    const diff = diffResults({ pinned, current, key: ['id'] })
    expect(Array.from(diff.status)).toEqual([SAME, CHANGED, CHANGED, CHANGED, SAME, SAME, SAME, SAME, ADDED])
  })

  it('keys on several columns, and text keys do not run into each other', () => {
    const columns = ['a', 'b', 'v']
    const pinned = side(columns, [
      ['ab', 'c', 1],
      ['a', 'bc', 2],
    ])
    const current = side(columns, [
      ['a', 'bc', 2],
      ['ab', 'c', 9],
    ])
    const diff = diffResults({ pinned, current, key: ['a', 'b'] })
    expect(rowsOf(diff, columns)).toEqual([
      [SAME, 0, 1, []],
      [CHANGED, 1, 0, ['v']],
    ])
  })

  it('matches columns by name and reports the ones on one side only', () => {
    const pinned = side(['id', 'old', 'name'], [[1, 'x', 'a']])
    const current = side(['name', 'id', 'new'], [[' a', 1, 'y']])
    const diff = diffResults({ pinned, current, key: ['id'] })
    expect(diff.onlyPinned).toEqual(['old'])
    expect(diff.onlyCurrent).toEqual(['new'])
    expect(Array.from(diff.pinnedColumnOf)).toEqual([2, 0, -1])
    expect(rowsOf(diff, ['name', 'id', 'new'])).toEqual([[CHANGED, 0, 0, ['name']]])
  })

  it('pairs duplicate keys one to one and counts the extra ones', () => {
    const columns = ['k', 'v']
    const pinned = side(columns, [
      [1, 'a'],
      [1, 'b'],
    ])
    const current = side(columns, [
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
    ])
    const diff = diffResults({ pinned, current, key: ['k'] })
    expect(diff.counts).toEqual({ same: 2, changed: 0, added: 1, removed: 0 })
    expect(diff.duplicateKeys).toBe(1)
  })

  it('refuses a key column missing on one side, or no key', () => {
    const pinned = side(['id'], [[1]])
    const current = side(['ID'], [[1]])
    expect(() => diffResults({ pinned, current, key: ['id'] })).toThrow(DiffInputError)
    expect(() => diffResults({ pinned, current, key: ['id'] })).toThrow(/Key column not in both results: id/)
    expect(() => diffResults({ pinned, current: pinned, key: [] })).toThrow(/at least one key/)
  })

  it('diffs empty results', () => {
    const diff = diffResults({ pinned: side(['id']), current: side(['id'], [[1]]), key: ['id'] })
    expect(diff.counts).toEqual({ same: 0, changed: 0, added: 1, removed: 0 })
  })
})
