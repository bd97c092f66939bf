import { describe, expect, it } from 'vitest'
import { EditRegistry } from './edit-registry'

const stage = (registry: EditRegistry, tabId: string, table = '') =>
  registry
    .storeFor(tabId, table)
    .setCells([{ key: '[1]', original: { id: 1, a: 'x' }, column: 'a', edit: { value: 'y' } }])

describe('EditRegistry', () => {
  it('closes a tab with nothing staged at once, and asks when any of its tables has staged edits', () => {
    const registry = new EditRegistry()
    let closed = 0
    expect(registry.guardClose('t1', 'T1', () => closed++)).toBe(true)
    stage(registry, 't2', 'other table')
    expect(registry.stagedCount()).toBe(1)
    expect(registry.guardClose('t2', 'T2', () => closed++)).toBe(false)
    expect(registry.pending?.message).toContain('1 change not applied')
    registry.pending!.answer('cancel')
    expect(closed).toBe(0)
    expect(registry.stagedIn('t2')).toBe(1)
    registry.guardClose('t2', 'T2', () => closed++)
    registry.pending!.answer('discard')
    expect(closed).toBe(1)
    expect(registry.stagedCount()).toBe(0)
  })

  it('a refresh with staged edits asks: keep them, discard them (undoable), or cancel', () => {
    const registry = new EditRegistry()
    let refreshed = 0
    registry.guardRefresh('t', 'T', () => refreshed++)
    expect(refreshed).toBe(1)
    stage(registry, 't')
    registry.guardRefresh('t', 'T', () => refreshed++)
    registry.pending!.answer('cancel')
    expect(refreshed).toBe(1)
    registry.guardRefresh('t', 'T', () => refreshed++)
    registry.pending!.answer('keep')
    expect([refreshed, registry.stagedIn('t')]).toEqual([2, 1])
    registry.guardRefresh('t', 'T', () => refreshed++)
    registry.pending!.answer('discard')
    expect([refreshed, registry.stagedIn('t')]).toEqual([3, 0])
    expect(registry.storeFor('t').canUndo).toBe(true)
  })

  it('moving a query tab elsewhere with staged edits asks too', () => {
    const registry = new EditRegistry()
    let moved = 0
    stage(registry, 'q', 'a table')
    expect(registry.guardSwitch('q', 'Query 1', () => moved++)).toBe(false)
    expect(registry.pending?.message).toContain('another connection or database')
    registry.pending!.answer('discard')
    expect([moved, registry.stagedIn('q')]).toEqual([1, 0])
  })
})

describe("a query tab's staged result edits are never lost silently", () => {
  it('running again asks; Cancel keeps them and does not run, Discard runs', () => {
    const registry = new EditRegistry()
    stage(registry, 'q1')
    const store = registry.storeFor('q1')
    let runs = 0
    registry.guardRun('q1', 'Query 1', () => runs++)
    expect(registry.pending?.message).toBe(
      'Query 1 has 1 change not applied to the result shown. Running the query again replaces that result and discards them.',
    )
    registry.pending!.answer('cancel')
    expect([runs, store.size]).toEqual([0, 1])
    registry.guardRun('q1', 'Query 1', () => runs++)
    expect(registry.pending?.discardLabel).toBe('Discard and run')
    registry.pending!.answer('discard')
    expect([runs, store.size]).toEqual([1, 0])
    // Nothing staged: runs at once.
    registry.guardRun('q1', 'Query 1', () => runs++)
    expect([runs, registry.pending]).toEqual([2, null])
  })
})
