import { describe, expect, it } from 'vitest'
import { RowBatchError, TAG_FALSE, TAG_INT, TAG_STRING, TAG_TRUE } from './row-batch'
import { ColumnarBatchWriter } from './row-batch-columnar-writer'
import { readBatch } from './row-batch-reader'
import { RowBatchWriter } from './row-batch-writer'

type Cell = null | number | string | boolean | { int: string }
const COLUMNS: Cell[][] = [
  [1, null, -0, 2 ** 53 - 1, 0.5],
  [null, null, null, null, null],
  ['', 'é', null, '😀', '\ud800'],
  [true, false, null, 3, 'x'],
  [{ int: '9223372036854775807' }, 1, null, { int: '-9007199254740992' }, 'y'],
]
const ROWS = COLUMNS[0]!.length

describe('columnar batch writer', () => {
  it('writes column by column the same bytes the row writer writes row by row', () => {
    const rows = new RowBatchWriter(COLUMNS.length)
    for (let r = 0; r < ROWS; r++) {
      for (const column of COLUMNS) {
        const cell = column[r]!
        if (cell === null) rows.null()
        else if (typeof cell === 'number') rows.number(cell)
        else if (typeof cell === 'string') rows.text(cell)
        else if (typeof cell === 'boolean') rows.bool(cell)
        else rows.intText(cell.int)
      }
      rows.endRow()
    }
    const columnar = new ColumnarBatchWriter(COLUMNS.length)
    const expected = rows.finish()
    // Twice: the second batch reuses the buffers the first one left.
    for (let round = 0; round < 2; round++) {
      COLUMNS.forEach((column, c) => {
        const out = columnar.column(c)
        for (const cell of column) {
          if (cell === null) out.null()
          else if (typeof cell === 'number') out.number(cell)
          else if (typeof cell === 'string') out.text(TAG_STRING, cell)
          else if (typeof cell === 'boolean') out.tag(cell ? TAG_TRUE : TAG_FALSE)
          else out.text(TAG_INT, cell.int)
        }
      })
      const batch = columnar.finish(ROWS)
      expect(Array.from(batch)).toEqual(Array.from(expected))
      expect(readBatch(batch).row(2)).toEqual([-0, null, null, null, null])
    }
  })

  it('refuses a batch whose columns hold different numbers of cells', () => {
    const writer = new ColumnarBatchWriter(2)
    writer.column(0).number(1)
    expect(() => writer.finish(1)).toThrow(RowBatchError)
    expect(() => writer.column(2)).toThrow(RowBatchError)
    writer.clear()
    expect(readBatch(writer.finish(0)).rowCount).toBe(0)
  })
})
