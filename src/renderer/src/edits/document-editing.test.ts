import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '../../../shared/contract/model'
import type { WireValue } from '../../../shared/contract/values'
import type { ViewBase } from '../grid/view/row-view'
import { parseBsonInput, parseNumberInput } from './bson-input'
import { inputText, parseInput } from './cell-input'
import { keptText } from './conflict-view'
import { DocumentEditing, documentInput } from './document-editing'
import { stagedChanges } from './edit-changes'
import { EditStore } from './edit-store'

const rowsOf = (names: string[], rows: WireValue[][]): ViewBase => ({
  columns: names.map((name): ResultColumn => ({ name, type: null })),
  rowCount: rows.length,
  get: (row, col) => rows[row]![col]!,
  version: 0,
  subscribe: () => () => undefined,
})

const oid = (v: string): WireValue => ({ $: 'bson', t: 'ObjectId', v })
const long = (v: string): WireValue => ({ $: 'bson', t: 'Long', v })
const ABSENT: WireValue = { $: 'bson', t: 'Absent', v: '' }

describe('editing documents in the grid', () => {
  it('a value goes back with the BSON type it was read with: a Long stays a Long, a Binary keeps its subtype', () => {
    const spec = documentInput(long('9223372036854775807'))
    expect(spec).toEqual({ kind: 'bson', options: [], bson: { t: 'Long' } })
    expect(inputText(long('9223372036854775807'))).toBe('9223372036854775807')
    expect(parseInput(spec, ' -9223372036854775808 ')).toEqual({
      ok: true,
      value: { $: 'bson', t: 'Long', v: '-9223372036854775808' },
    })
    expect(parseInput(spec, '9223372036854775808')).toEqual({ ok: false, message: 'Out of the 64-bit integer range' })
    expect(parseInput(spec, '1.5').ok).toBe(false)
    const binary = documentInput({ $: 'bson', t: 'Binary', v: '00ff', sub: 4 })
    expect(parseInput(binary, 'ABCD')).toEqual({ ok: true, value: { $: 'bson', t: 'Binary', v: 'abcd', sub: 4 } })
    expect(parseBsonInput('ObjectId', undefined, '65a1b2c3d4e5f60718293a4').ok).toBe(false)
    expect(parseBsonInput('Date', undefined, '2024-02-29T12:00:00.000Z').ok).toBe(true)
    expect(parseBsonInput('Date', undefined, '2024-02-29 12:00').ok).toBe(false)
    expect(parseBsonInput('Object', undefined, '{ a: NumberLong("1"), b: [1, 2] }').ok).toBe(true)
    expect(parseBsonInput('Object', undefined, '[1]')).toEqual({ ok: false, message: 'Not a document { … }' })
    expect(parseBsonInput('Decimal128', undefined, '12345678901234567890.123456789')).toEqual({
      ok: true,
      value: { $: 'bson', t: 'Decimal128', v: '12345678901234567890.123456789' },
    })
    // MinKey has no text to edit.
    expect(inputText({ $: 'bson', t: 'MinKey', v: 'MinKey' })).toBeNull()
  })

  it('numbers stay numbers (not text), and one beyond 2^53 is refused rather than rounded', () => {
    expect(documentInput(3).kind).toBe('number')
    expect(parseNumberInput('-3.25')).toEqual({ ok: true, value: -3.25 })
    expect(parseNumberInput('NaN')).toEqual({ ok: true, value: { $: 'float', v: 'NaN' } })
    expect(parseNumberInput('9007199254740993').ok).toBe(false)
    expect(parseNumberInput('abc').ok).toBe(false)
    expect(documentInput('text').kind).toBe('text')
    expect(documentInput(ABSENT).kind).toBe('text')
  })

  it('stages top-level fields by _id; the _id is read-only; the change carries the document as read', () => {
    const store = new EditStore()
    const editing = new DocumentEditing(store)
    expect(store.keyedBy).toEqual(['_id'])
    const base = rowsOf(
      ['_id', 'n', 'tag'],
      [
        [oid('65a1b2c3d4e5f60718293a4b'), long('1'), 'a'],
        [oid('65a1b2c3d4e5f60718293a4c'), long('2'), ABSENT],
      ],
    )
    const rows = editing.wrap(base)
    expect(editing.readOnlyReason(0)).toBe('The _id identifies the document: read-only')
    expect(editing.readOnlyReason(1)).toBeNull()
    editing.setCells(rows, [
      { row: 1, col: 1, edit: { value: long('9223372036854775807') } },
      { row: 0, col: 0, edit: { value: oid('000000000000000000000000') } },
    ])
    expect(store.size).toBe(1)
    expect(rows.get(1, 1)).toEqual(long('9223372036854775807'))
    expect(rows.cellMark(1, 1)).toEqual({ kind: 'changed', original: long('2') })
    expect(stagedChanges(store.all()).changes).toEqual([
      {
        op: 'update',
        original: { _id: oid('65a1b2c3d4e5f60718293a4c'), n: long('2'), tag: ABSENT },
        set: { n: { value: long('9223372036854775807') } },
      },
    ])
    // A copy leaves _id and absent fields to the server.
    editing.addRow(rows, 1)
    const added = store.newRows()[0]!
    expect(added.set).toEqual({ n: { value: long('9223372036854775807') } })
  })

  it('a result read without _id, and a view, say why nothing is edited', () => {
    const editing = new DocumentEditing(new EditStore())
    editing.wrap(rowsOf(['n'], [[1]]))
    expect(editing.readOnlyReason(0)).toBe('Read without _id: documents are edited by their _id')
    const view = new DocumentEditing(new EditStore(), 'A view: its documents are read-only here')
    expect(view.rowsReadOnlyReason()).toBe('A view: its documents are read-only here')
  })

  it('a standalone server’s kept changes are said plainly', () => {
    expect(keptText([0])).toBe(
      'Statement 1 was written before it and stays applied: this server has no transactions to roll them back. The other changes were not applied.',
    )
    expect(keptText([0, 1])).toMatch(/^Statements 1, 2 were written/)
  })
})
