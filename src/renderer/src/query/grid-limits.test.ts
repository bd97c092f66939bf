import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeRows } from '../../../shared/contract'
import type { EventMessage, MethodName, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { batchBytes, crossedLimit, GRID_BYTE_BUDGET, saveRowLimit } from './grid-limits'
import { QueryEventRouter } from './query-events'
import { QueryRun } from './query-run'

afterEach(() => vi.unstubAllGlobals())

describe('grid limits', () => {
  it('no row limit by default; the byte budget still applies', () => {
    const limits = { rowLimit: null, byteBudget: 1000 }
    expect(crossedLimit(limits, 5_000_000, 999)).toBeNull()
    expect(crossedLimit(limits, 1, 1000)).toEqual({ reason: 'memory', limit: 1000 })
    expect(crossedLimit({ rowLimit: 100, byteBudget: GRID_BYTE_BUDGET }, 100, 0)).toEqual({
      reason: 'rows',
      limit: 100,
    })
    expect(batchBytes('abcd')).toBe(4)
    expect(batchBytes(new Uint8Array(16))).toBe(16)
  })

  const fakeClient = () => {
    const calls: Array<{ method: MethodName; input: unknown }> = []
    let push: (message: EventMessage) => void = () => undefined
    const client = {
      call: async (method: MethodName, input: unknown) => {
        calls.push({ method, input })
        return { ok: true, value: method === 'query.cancel' ? { cancelled: true } : null } as Result<never>
      },
      onEvent: (listener: (message: EventMessage) => void) => {
        push = listener
        return () => undefined
      },
    } as unknown as QuarryClient
    return { client, calls, push: (message: EventMessage) => push(message) }
  }
  const batch = (queryId: string, seq: number, values: number[]): EventMessage => ({
    event: 'query.batch',
    payload: { queryId, index: 0, seq, count: values.length, rows: encodeRows(values.map((v) => [v])) },
  })

  it('a run asks main for its row limit, and says it stopped there when main reports it', async () => {
    const storage = new Map([['quarry.gridRowLimit', '3']])
    vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null })
    const { client, calls, push } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    await run.start('SELECT n FROM big')
    expect(calls[0]).toMatchObject({ method: 'query.start', input: { rowLimit: 3 } })
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'SELECT n FROM big' } })
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [{ name: 'n', type: null }] } })
    push(batch(queryId, 0, [1, 2]))
    push(batch(queryId, 1, [3]))
    const end = { queryId, outcome: 'done', rowCount: 3, affectedRows: null, elapsedMs: 5, error: null }
    push({ event: 'query.end', payload: { ...end, outcome: 'done', stoppedAtLimit: 3 } })
    expect(calls.some((c) => c.method === 'query.cancel')).toBe(false) // main stopped it, no cancel needed
    expect(run.getState()).toMatchObject({ status: 'done', rowCount: 3, limited: { reason: 'rows', limit: 3 } })
    run.dispose()
  })

  it('a limit picked while running goes to main at once, and rows beyond it are dropped', async () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined })
    const { client, calls, push } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    await run.start('SELECT n FROM big')
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'SELECT n FROM big' } })
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [{ name: 'n', type: null }] } })
    push(batch(queryId, 0, [1, 2, 3, 4]))
    push(batch(queryId, 1, [5, 6, 7, 8]))
    saveRowLimit(6)
    expect(calls.filter((c) => c.method === 'query.limit')).toEqual([
      { method: 'query.limit', input: { queryId, rowLimit: 6 } },
    ])
    expect(run.getState().rowCount).toBe(6)
    push(batch(queryId, 2, [9, 10])) // in flight when main got the new limit: dropped
    const store = run.current!.store
    expect(store.rowCount).toBe(6)
    expect(Array.from({ length: 6 }, (_, i) => store.get(i, 0))).toEqual([1, 2, 3, 4, 5, 6])
    saveRowLimit(null)
    push(batch(queryId, 3, [11]))
    expect(store.rowCount).toBe(7)
    run.dispose()
  })
})
