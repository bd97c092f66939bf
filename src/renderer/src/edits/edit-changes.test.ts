import { describe, expect, it } from 'vitest'
import type { RowChange } from '../../../shared/contract/edit-model'
import { wireChanges } from './edit-changes'

const row = { id: 1, code: 'a', v: 'x', note: 'a long text the update does not touch' }

describe('changes as sent to main', () => {
  it('an update keeps its key and changed columns of the original; a delete and an insert are sent whole', () => {
    const changes: RowChange[] = [
      { op: 'update', original: row, set: { v: { value: 'y' } } },
      { op: 'delete', original: row },
      { op: 'insert', values: { v: { value: 'z' } } },
    ]
    expect(wireChanges(changes, ['id'])).toEqual([
      { op: 'update', original: { id: 1, v: 'x' }, set: { v: { value: 'y' } } },
      { op: 'delete', original: row },
      { op: 'insert', values: { v: { value: 'z' } } },
    ])
  })

  it('with no key known, sends the whole row', () => {
    const update: RowChange = { op: 'update', original: row, set: { v: { value: 'y' } } }
    expect(wireChanges([update], [])).toEqual([update])
  })
})
