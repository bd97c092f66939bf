import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeRows } from '../../../shared/contract'
import type { EventMessage, MethodName, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { saveRowLimit } from './grid-limits'
import { QueryEventRouter } from './query-events'
import { QueryRun } from './query-run'

afterEach(() => vi.unstubAllGlobals())

/** A server paging table `t` by offset, recording every call; `push` delivers its events. */
function pagingServer() {
  const calls: Array<{ method: MethodName; input: Record<string, unknown> }> = []
  let push: (message: EventMessage) => void = () => undefined
  const client = {
    call: async (method: MethodName, input: Record<string, unknown>) => {
      calls.push({ method, input })
      const page = { mode: 'offset', cursor: [], reason: null }
      const value = method === 'table.query' ? { queryId: input['queryId'], sql: 'SELECT …', params: [], page } : null
      return { ok: true, value } as Result<never>
    },
    onEvent: (listener: (message: EventMessage) => void) => {
      push = listener
      return () => undefined
    },
  } as unknown as QuarryClient
  const lastQueryId = () => calls.filter((c) => c.method === 'table.query').at(-1)!.input['queryId'] as string
  const rows = (queryId: string, seq: number, from: number, count: number): EventMessage => ({
    event: 'query.batch',
    payload: {
      queryId,
      index: 0,
      seq,
      count,
      rows: encodeRows(Array.from({ length: count }, (_, i) => [from + i])),
    },
  })
  return { client, calls, push: (message: EventMessage) => push(message), lastQueryId, rows }
}

const query = { schema: null, table: 't', where: '', conditions: [], sort: [] }
const end = (queryId: string, rowCount: number, extra: object = {}): EventMessage => ({
  event: 'query.end',
  payload: { queryId, outcome: 'done', rowCount, affectedRows: null, elapsedMs: 1, error: null, ...extra },
})

describe('the grid row limit on a paged table', () => {
  it('a limit picked during Fetch all tells main the rows left after those loaded, and counts what main sent', async () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined })
    const { client, calls, push, lastQueryId, rows } = pagingServer()
    const run = new QueryRun(client, new QueryEventRouter(client), 'c')
    await run.startTable(query, { pageSize: 300 })
    const first = lastQueryId()
    push({ event: 'query.statement', payload: { queryId: first, index: 0, offset: 0, sql: 'SELECT …' } })
    push({ event: 'query.columns', payload: { queryId: first, index: 0, columns: [{ name: 'n', type: null }] } })
    push(rows(first, 0, 0, 300))
    push(end(first, 300, { rowsRead: 300 }))
    expect(run.getState().server).toEqual({ sent: 300, read: 300 })

    await run.loadMore(null) // Fetch all
    const all = lastQueryId()
    push({ event: 'query.statement', payload: { queryId: all, index: 0, offset: 0, sql: 'SELECT …' } })
    push(rows(all, 0, 300, 500))
    saveRowLimit(1_000)
    // 800 loaded, 500 of them by this query: main may send 200 more of it, not 1,000.
    expect(calls.filter((c) => c.method === 'query.limit').map((c) => c.input)).toEqual([
      { queryId: all, rowLimit: 700 },
    ])
    push(rows(all, 1, 800, 200))
    push(end(all, 700, { stoppedAtLimit: 700, rowsRead: 700 }))
    expect(run.getState()).toMatchObject({
      status: 'done',
      rowCount: 1_000,
      limited: { reason: 'rows', limit: 1_000 },
      server: { sent: 1_000, read: 1_000 },
    })
    expect(run.current!.store.rowCount).toBe(1_000)

    saveRowLimit(null)
    run.dispose()
  })

  it('a new run starts its server counts afresh', async () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined })
    const { client, push, lastQueryId, rows } = pagingServer()
    const run = new QueryRun(client, new QueryEventRouter(client), 'c')
    for (let i = 0; i < 2; i++) {
      await run.startTable(query, { pageSize: 300 })
      const id = lastQueryId()
      push({ event: 'query.statement', payload: { queryId: id, index: 0, offset: 0, sql: 'SELECT …' } })
      push({ event: 'query.columns', payload: { queryId: id, index: 0, columns: [{ name: 'n', type: null }] } })
      push(rows(id, 0, 0, 300))
      push(end(id, 300, { rowsRead: 300 }))
      expect(run.getState().server).toEqual({ sent: 300, read: 300 })
    }
    run.dispose()
  })
})
