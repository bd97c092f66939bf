import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditConflict } from '../../../shared/contract/edit-model'
import type { WireValue } from '../../../shared/contract/values'
import { ConflictView } from './conflict-view'
import { stagedChanges } from './edit-changes'
import { EditStore } from './edit-store'

const oid = (v: string): WireValue => ({ $: 'bson', t: 'ObjectId', v })
const long = (v: string): WireValue => ({ $: 'bson', t: 'Long', v })

/** Two documents edited by _id; the second changed on the server meanwhile (a standalone server kept the first). */
function scene() {
  const store = new EditStore(['_id'])
  const docs = [
    { _id: oid('65a1b2c3d4e5f60718293a4b'), n: long('1'), name: 'Ada' },
    { _id: oid('65a1b2c3d4e5f60718293a4c'), n: long('2'), name: 'Alan' },
  ]
  for (const doc of docs)
    store.setCells([
      {
        key: store.keyOf((field) => doc[field as keyof typeof doc], Object.keys(doc)),
        original: doc,
        column: 'name',
        edit: { value: `${doc.name} (mine)` },
      },
    ])
  const staged = stagedChanges(store.all())
  const conflict: EditConflict = {
    change: 1,
    statement: { change: 1, sql: 'updateOne(…)', params: [], display: 'db.getCollection("people").updateOne(…)' },
    affected: 0,
    current: { _id: docs[1]!._id, n: long('2'), name: 'Alan (theirs)' },
  }
  return { store, staged, conflict }
}

const render = (kept: number[]) => {
  const { store, staged, conflict } = scene()
  return renderToStaticMarkup(
    createElement(ConflictView, { conflicts: [conflict], kept, staged, store, onReReview: () => undefined }),
  )
}

describe('the conflict view', () => {
  it('shows mine, the original and the document as it is now, with the mongosh statement', () => {
    const html = render([])
    expect(html).toContain('Nothing was applied: every change was rolled back.')
    expect(html).toContain('db.getCollection(&quot;people&quot;).updateOne(…)')
    expect(html).toMatch(/<td>name<\/td><td>Alan \(mine\)<\/td><td>Alan<\/td><td>Alan \(theirs\)<\/td>/)
  })

  it('on a standalone server says plainly which changes stayed applied, and not that everything rolled back', () => {
    const html = render([0])
    expect(html).toContain(
      'Statement 1 was written before it and stays applied: this server has no transactions to roll them back. The other changes were not applied.',
    )
    expect(html).not.toContain('every change was rolled back')
  })
})
