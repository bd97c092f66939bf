import { describe, expect, it } from 'vitest'
import { EditRegistry } from './edit-registry'

/** A registry whose tab has one staged change on the result it shows. */
function staged() {
  const edits = new EditRegistry()
  const store = edits.storeFor('q1')
  store.setKeyColumns(['id'])
  store.setCells([{ key: '[1]', original: { id: 1, name: 'a' }, column: 'name', edit: { value: 'b' } }])
  return { edits, store }
}

describe("a query tab's staged result edits are never lost silently", () => {
  it('running again asks; Cancel keeps them and does not run, Discard runs', () => {
    const { edits, store } = staged()
    let runs = 0
    edits.guardRun('q1', 'Query 1', () => runs++)
    expect(edits.pending?.message).toBe(
      'Query 1 has 1 change not applied to the result shown. Running the query again replaces that result and discards them.',
    )
    edits.pending!.answer('cancel')
    expect([runs, store.size]).toEqual([0, 1])
    edits.guardRun('q1', 'Query 1', () => runs++)
    expect(edits.pending?.discardLabel).toBe('Discard and run')
    edits.pending!.answer('discard')
    expect([runs, store.size]).toEqual([1, 0])
    // Nothing staged: runs at once.
    edits.guardRun('q1', 'Query 1', () => runs++)
    expect([runs, edits.pending]).toEqual([2, null])
  })

  it('moving the tab to another connection or database asks the same way', () => {
    const { edits, store } = staged()
    let moved = false
    edits.guardMove('q1', 'Query 1', () => (moved = true))
    expect(edits.pending?.discardLabel).toBe('Discard and move')
    edits.pending!.answer('discard')
    expect([moved, store.size]).toEqual([true, 0])
  })
})
