import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract'
import type { EventMessage, MethodName, Result, WireValue } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { QueryEventRouter } from './query-events'
import { QueryRun } from './query-run'

/** A server that pages `t` (key k, or `cursor`) by keyset, recording each table.query request. */
function pagingServer(cursor = ['k']) {
  const calls: Array<{ method: MethodName; input: Record<string, unknown> }> = []
  let push: (message: EventMessage) => void = () => undefined
  const client = {
    call: async (method: MethodName, input: Record<string, unknown>) => {
      calls.push({ method, input })
      const page = { mode: 'keyset', cursor, reason: null }
      const value = method === 'table.query' ? { queryId: input['queryId'], sql: 'SELECT …', params: [], page } : null
      return { ok: true, value } as Result<never>
    },
    onEvent: (listener: (message: EventMessage) => void) => {
      push = listener
      return () => undefined
    },
  } as unknown as QuarryClient
  /** Answers the last table.query with these rows (and `columns` lists, sent in turn), then ends it. */
  const answer = (rows: WireValue[][], first: boolean, columnLists?: string[][]) => {
    const queryId = calls.filter((c) => c.method === 'table.query').at(-1)!.input['queryId'] as string
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'SELECT …' } })
    const columns = [
      { name: 'v', type: null },
      { name: 'k', type: null },
    ]
    if (first && !columnLists) push({ event: 'query.columns', payload: { queryId, index: 0, columns } })
    for (const names of columnLists ?? []) {
      const listed = names.map((name) => ({ name, type: null }))
      push({ event: 'query.columns', payload: { queryId, index: 0, columns: listed } })
    }
    if (rows.length > 0)
      push({ event: 'query.batch', payload: { queryId, index: 0, seq: 0, count: rows.length, rows: encodeRows(rows) } })
    push({
      event: 'query.summary',
      payload: { queryId, index: 0, rowCount: rows.length, affectedRows: null, command: null, messages: [] },
    })
    const end = {
      queryId,
      outcome: 'done' as const,
      rowCount: rows.length,
      affectedRows: null,
      elapsedMs: 1,
      error: null,
    }
    push({ event: 'query.end', payload: end })
  }
  return { client, calls, answer }
}

const query = { schema: null, table: 't', where: '', conditions: [], sort: [] }

describe('table paging', () => {
  it('asks for the first page, then the rows after the last key, appended to the same result until a short page', async () => {
    const { client, calls, answer } = pagingServer()
    const run = new QueryRun(client, new QueryEventRouter(client), 'c')
    await run.startTable(query, { pageSize: 2 })
    expect(calls[0]!.input).toMatchObject({ page: { size: 2 } })
    answer(
      [
        ['a', 1],
        ['b', { $: 'int', v: '9007199254740993' }],
      ],
      true,
    )
    const result = run.getState().results[0]!
    expect(run.getState().page).toMatchObject({ more: true, loading: null, info: { mode: 'keyset' } })

    await run.loadMore(2)
    // The cursor is the last row's key exactly as read (64-bit past 2^53 included).
    expect(calls.at(-1)!.input).toMatchObject({ page: { size: 2, after: [{ $: 'int', v: '9007199254740993' }] } })
    answer([['c', 3]], false)
    expect(run.getState().results).toEqual([result])
    expect(result.store.rowCount).toBe(3)
    expect(result.store.getRow(2)).toEqual(['c', 3])
    expect(run.getState()).toMatchObject({ status: 'done', rowCount: 3, page: { more: false } })

    // Nothing is left: no request.
    const asked = calls.length
    await run.loadMore(2)
    expect(calls.length).toBe(asked)
  })

  it('Fetch all asks for every row after the loaded ones (size null); a page is not asked for while one runs', async () => {
    const { client, calls, answer } = pagingServer()
    const run = new QueryRun(client, new QueryEventRouter(client), 'c')
    await run.startTable(query, { pageSize: 1 })
    const asked = calls.length
    await run.loadMore(1)
    expect(calls.length).toBe(asked)
    answer([['a', 1]], true)
    await run.loadMore(null)
    expect(calls.at(-1)!.input).toMatchObject({ page: { size: null, after: [1] } })
    expect(run.getState().page).toMatchObject({ loading: 'all' })
    answer(
      [
        ['b', 2],
        ['c', 3],
      ],
      false,
    )
    expect(run.getState()).toMatchObject({ rowCount: 3, page: { more: false, loading: null } })
  })

  it('documents: a next page names the fields loaded and appends the new fields its documents bring', async () => {
    const { client, calls, answer } = pagingServer(['_id'])
    const run = new QueryRun(client, new QueryEventRouter(client), 'c')
    await run.startTable(query, { pageSize: 2, columnsFromRows: true })
    const oid = (v: string): WireValue => ({ $: 'bson', t: 'ObjectId', v })
    answer(
      [
        [oid('65a0c0ffee0000000000000a'), 1],
        [oid('65a0c0ffee0000000000000b'), 2],
      ],
      true,
      [[], ['_id', 'n']],
    )
    expect(calls[0]!.input['page']).toEqual({ size: 2 })
    await run.loadMore(1000)
    expect(calls.at(-1)!.input['page']).toEqual({
      size: 1000,
      after: [oid('65a0c0ffee0000000000000b')],
      columns: ['_id', 'n'],
    })
    // Main seeds the page's columns with those loaded: they come first, then one longer.
    answer([[oid('65a0c0ffee0000000000000c'), 3, 'x']], false, [
      ['_id', 'n'],
      ['_id', 'n', 'late'],
    ])
    const store = run.getState().results[0]!.store
    expect(store.columns.map((c) => c.name)).toEqual(['_id', 'n', 'late'])
    expect(store.getRow(2)).toEqual([oid('65a0c0ffee0000000000000c'), 3, 'x'])
    expect(store.get(0, 2)).toEqual({ $: 'bson', t: 'Absent', v: '' })
    expect(run.getState()).toMatchObject({ rowCount: 3, page: { more: false } })
  })
})
