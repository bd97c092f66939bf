import { describe, expect, it } from 'vitest'
import { encodeRows } from '../../../shared/contract'
import type { EventMessage, MethodName, Result } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { errorMark } from '../editor/editor-mark'
import { QueryEventRouter } from './query-events'
import { ManualScheduler } from '../grid/change-scheduler'
import { QueryRun } from './query-run'

/** A client whose server is this test: it records calls and lets the test push events. */
function fakeClient() {
  const calls: Array<{ method: MethodName; input: unknown }> = []
  let push: (message: EventMessage) => void = () => undefined
  const client = {
    call: async (method: MethodName, input: unknown) => {
      calls.push({ method, input })
      const queryId = (input as { queryId?: string }).queryId
      // table.query answers the SQL main built, with its parameters.
      const built = { sql: 'SELECT * FROM "t" WHERE "a" = $1', params: ["x' OR 1=1 --"] }
      const value = method === 'query.start' ? { queryId } : method === 'table.query' ? { queryId, ...built } : null
      return { ok: true, value } as Result<never>
    },
    onEvent: (listener: (message: EventMessage) => void) => {
      push = listener
      return () => undefined
    },
  } as unknown as QuarryClient
  return { client, calls, push: (message: EventMessage) => push(message) }
}

describe('QueryRun', () => {
  it('sends a table query as a structured request and shows the SQL and parameters main built', async () => {
    const { client, calls } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'pg')
    const query = {
      schema: null,
      table: 't',
      where: '',
      conditions: [{ column: 'a', op: '=' as const, value: "x' OR 1=1 --" }],
      sort: [],
    }
    await run.startTable(query, { database: 'db' })
    expect(calls[0]).toMatchObject({ method: 'table.query', input: { connectionId: 'pg', database: 'db', query } })
    expect(run.getState()).toMatchObject({
      status: 'running',
      sql: 'SELECT * FROM "t" WHERE "a" = $1',
      params: ["x' OR 1=1 --"],
    })
  })

  it('appends the columns a document engine sends again between batches, keeping the rows', async () => {
    const { client, calls, push } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'mongo')
    await run.start('db.c.find()')
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'db.c.find()' } })
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [{ name: '_id', type: null }] } })
    push({ event: 'query.batch', payload: { queryId, index: 0, seq: 0, count: 1, rows: encodeRows([[1]]) } })
    const grown = [
      { name: '_id', type: null },
      { name: 'late', type: null },
    ]
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: grown } })
    push({ event: 'query.batch', payload: { queryId, index: 0, seq: 1, count: 1, rows: encodeRows([[2, 'x']]) } })
    const result = run.getState().results[0]!
    expect(result.store.columns).toEqual(grown)
    expect(result.store.rowCount).toBe(2)
    expect(result.store.getRow(0)).toEqual([1])
    // The first document predates the column: absent there, not NULL.
    expect(result.store.get(0, 1)).toEqual({ $: 'bson', t: 'Absent', v: '' })
    expect(result.store.get(1, 1)).toBe('x')
    // Columns can only grow at the end.
    expect(() => result.store.appendColumns([{ name: 'other', type: null }])).toThrow(/only be appended/)
  })

  it('keeps one result per statement, stores rows, and acknowledges every batch', async () => {
    const { client, calls, push } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    await run.start('CREATE TABLE t (n INT); SELECT 1; SELECT 2')
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    const statement = (index: number, sql: string, offset: number) =>
      push({ event: 'query.statement', payload: { queryId, index, offset, sql } })
    statement(0, 'CREATE TABLE t (n INT)', 0)
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [] } })
    push({
      event: 'query.summary',
      payload: { queryId, index: 0, rowCount: 0, affectedRows: 0, command: 'CREATE TABLE', messages: [] },
    })
    statement(1, 'SELECT 1', 24)
    push({ event: 'query.columns', payload: { queryId, index: 1, columns: [{ name: 'one', type: null }] } })
    push({ event: 'query.batch', payload: { queryId, index: 1, seq: 0, count: 2, rows: encodeRows([[1], [null]]) } })
    push({
      event: 'query.summary',
      payload: { queryId, index: 1, rowCount: 2, affectedRows: null, command: 'SELECT 2', messages: [] },
    })
    push({
      event: 'query.end',
      payload: { queryId, outcome: 'done', rowCount: 2, affectedRows: null, elapsedMs: 5, error: null },
    })

    const state = run.getState()
    expect(state.status).toBe('done')
    expect(state.results.map((r) => r.sql)).toEqual(['CREATE TABLE t (n INT)', 'SELECT 1'])
    expect(state.results[0]!.isCommand).toBe(true)
    expect(state.results[1]!.store.rowCount).toBe(2)
    expect(state.results[1]!.store.get(1, 0)).toBeNull()
    expect(run.current).toBe(state.results[1])
    run.select(0)
    expect(run.current).toBe(state.results[0])
    expect(calls.filter((c) => c.method === 'query.ack')).toEqual([{ method: 'query.ack', input: { queryId, seq: 0 } }])
  })

  it('renders a new result and its first rows on the next frame, not after the repaint pacing', async () => {
    const { client, calls, push } = fakeClient()
    const paced = new ManualScheduler()
    const urgent = new ManualScheduler()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample', paced.schedule, urgent.schedule)
    let renders = 0
    run.subscribe(() => renders++)
    await run.start('SELECT 1')
    paced.run()
    const queryId = (calls[0]!.input as { queryId: string }).queryId
    push({ event: 'query.statement', payload: { queryId, index: 0, offset: 0, sql: 'SELECT 1' } })
    expect([paced.size, urgent.size]).toEqual([0, 1])
    urgent.run()
    const batch = (seq: number) =>
      push({ event: 'query.batch', payload: { queryId, index: 0, seq, count: 1, rows: encodeRows([[seq]]) } })
    push({ event: 'query.columns', payload: { queryId, index: 0, columns: [{ name: 'n', type: null }] } })
    batch(0)
    expect([paced.size, urgent.size]).toEqual([0, 1])
    urgent.run()
    // Later batches are paced: many of them cost one render.
    batch(1)
    batch(2)
    expect([paced.size, urgent.size]).toEqual([1, 0])
    paced.run()
    expect(renders).toBe(4)
    expect(run.getState().rowCount).toBe(3)
    run.dispose()
  })

  it('ignores events of another query', async () => {
    const { client, push } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    await run.start('SELECT 1')
    push({
      event: 'query.end',
      payload: { queryId: 'someone-else', outcome: 'done', rowCount: 0, affectedRows: null, elapsedMs: 1, error: null },
    })
    expect(run.getState().status).toBe('running')
    run.dispose()
  })
})

describe('errorMark', () => {
  const syntax = { kind: 'syntax' as const, message: 'syntax error at or near "FRM"' }
  it('marks the engine position, shifted to where the run text starts in the editor', () => {
    expect(errorMark({ ...syntax, position: 10 }, undefined, 100)).toEqual({
      from: 109,
      to: 110,
      message: syntax.message,
    })
  })
  it("with the editor's text, marks the whole token at the position and gives its line and column", () => {
    const doc = 'SELECT 1;\nSELECT c.name,\n  c.country FROM customers c'
    const position = doc.indexOf('c.country') - 10 + 1
    const error = { kind: 'syntax' as const, message: 'no such column: c.country', position }
    expect(errorMark(error, undefined, 10, doc)).toEqual({
      from: doc.indexOf('c.country'),
      to: doc.indexOf('c.country') + 'c.country'.length,
      message: error.message,
      line: 3,
      column: 3,
    })
    // A position on punctuation marks one character.
    expect(errorMark({ ...syntax, position: 7 }, undefined, 0, 'SELECT (1')).toMatchObject({
      from: 6,
      to: 7,
      line: 1,
      column: 7,
    })
  })
  it('marks the failing statement when the engine gives no position, and nothing for a cancel', async () => {
    const { client } = fakeClient()
    const run = new QueryRun(client, new QueryEventRouter(client), 'sample')
    const { ResultSet } = await import('./result-set')
    const failed = new ResultSet(1, 'SELEC 2', 10)
    expect(errorMark(syntax, failed, 5)).toEqual({ from: 15, to: 22, message: syntax.message })
    expect(errorMark({ kind: 'cancelled', message: 'Query cancelled' }, failed, 0)).toBeNull()
    run.dispose()
  })
})
