import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract/row-batch-rows'
import type { WireValue } from '../../../shared/contract/values'
import { estimateText } from '../grid/column-widths'
import { RowStore } from '../grid/row-store'
import { DiffCells } from './diff-grid'
import { diffResults } from './result-diff'

const store = (rows: WireValue[][]): RowStore => {
  const s = new RowStore((flush) => {
    flush()
    return () => {}
  })
  s.setColumns([
    { name: 'id', type: 'int' },
    { name: 'note', type: 'text' },
  ])
  s.append(encodeRows(rows, 2))
  return s
}

describe('diff grid column widths', () => {
  it('fit each column to its header and values, as the result grid does (a long text wider than a short id)', () => {
    const pinnedRows: WireValue[][] = [
      [1, 'short'],
      [2, 'two'],
      [3, 'a removed row whose note is rather longer than the others, as notes are'],
    ]
    const currentRows: WireValue[][] = [
      [1, 'short'],
      [2, 'changed'],
    ]
    const side = (rows: WireValue[][]) => ({ columns: ['id', 'note'], batches: [encodeRows(rows, 2)] })
    const diff = diffResults({ pinned: side(pinnedRows), current: side(currentRows), key: ['id'] })
    const [id, note] = new DiffCells(diff, store(currentRows), store(pinnedRows)).widths(estimateText)
    expect(id).toBeLessThan(100)
    // A removed row shows the pinned row's values: they count like any shown value.
    expect(note).toBeGreaterThan(300)
  })
})
