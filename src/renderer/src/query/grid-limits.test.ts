import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeRows } from '../../../shared/contract'
import type { EventMessage, MethodName, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { batchBytes, crossedLimit, GRID_BYTE_BUDGET } from './grid-limits'
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

  it('a run stops (cancels on the server) once the grid holds the row limit, and says why', async () => {
    const storage = new Map([['quarry.gridRowLimit', '3']])
    vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null })
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
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    await run.start('SELECT n FROM big')
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'SELECT n FROM big' } })
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [{ name: 'n', type: null }] } })
    push({ event: 'query.batch', payload: { queryId, index: 0, seq: 0, count: 2, rows: encodeRows([[1], [2]]) } })
    expect(calls.some((c) => c.method === 'query.cancel')).toBe(false)
    push({ event: 'query.batch', payload: { queryId, index: 0, seq: 1, count: 2, rows: encodeRows([[3], [4]]) } })
    expect(calls.filter((c) => c.method === 'query.cancel')).toHaveLength(1)
    expect(run.getState().limited).toEqual({ reason: 'rows', limit: 3 })
    run.dispose()
  })
})
