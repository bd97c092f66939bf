import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../src/shared/contract'
import { createDispatcher } from '../../src/main/services/dispatcher'
import type { Handlers } from '../../src/main/services/dispatcher'
import { recordingClient } from './recording-client'

const handlers = {
  'app.info': async () => ({ name: 'Quarry', version: '0.0.0', host: 'browser' }),
  'meta.tables': async ({ schema }: { schema: string }) => {
    if (schema === 'boom') throw new Error('kaboom')
    if (schema === 'typed') throw new QuarryFailure({ kind: 'not-found', message: 'no such schema' })
    // An engine quoting the input back (SQLite: `no such column: <the name as typed>`).
    if (schema === 'echo')
      throw new QuarryFailure({
        kind: 'syntax',
        message: `no such column: ${'x'.repeat(140_000)}`,
        code: 'SQLITE_ERROR',
      })
    return []
  },
} as unknown as Handlers

const dispatch = createDispatcher(handlers)
const { client } = recordingClient()

describe('dispatcher: every payload validated, every failure a typed value', () => {
  it('answers a valid call', async () => {
    expect(await dispatch('app.info', {}, client)).toEqual({
      ok: true,
      value: { name: 'Quarry', version: '0.0.0', host: 'browser' },
    })
  })

  it.each([
    ['unknown method', 'db.dropEverything', {}],
    ['non-string method', 42, {}],
    ['missing field', 'meta.tables', { connectionId: 'sample', database: 'main' }],
    ['wrong type', 'meta.tables', { connectionId: 'sample', database: 'main', schema: 7 }],
    ['extra field', 'meta.tables', { connectionId: 'sample', database: 'main', schema: 'main', evil: true }],
    ['array input', 'meta.tables', ['sample']],
    ['string input', 'query.start', 'SELECT 1'],
    ['empty sql', 'query.start', { connectionId: 'sample', queryId: 'q', sql: '' }],
    ['oversized sql', 'query.start', { connectionId: 'sample', queryId: 'q', sql: 'x'.repeat(10 * 1024 * 1024 + 1) }],
    ['negative seq', 'query.ack', { queryId: 'q', seq: -1 }],
    ['fractional seq', 'query.ack', { queryId: 'q', seq: 1.5 }],
    ['oversized id', 'query.cancel', { queryId: 'q'.repeat(500) }],
  ])('rejects %s with invalid-input', async (_name, method, input) => {
    const result = await dispatch(method, input, client)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('invalid-input')
  })

  it('names the offending field', async () => {
    const result = await dispatch('meta.tables', { connectionId: 'sample', database: 'main', schema: 7 }, client)
    expect(result.ok || result.error.path).toBe('schema')
  })

  it('turns a thrown error into an internal error value and a QuarryFailure into its own kind', async () => {
    const thrown = await dispatch('meta.tables', { connectionId: 'sample', database: 'main', schema: 'boom' }, client)
    expect(thrown).toEqual({ ok: false, error: { kind: 'internal', message: 'kaboom' } })
    const typed = await dispatch('meta.tables', { connectionId: 'sample', database: 'main', schema: 'typed' }, client)
    expect(typed).toEqual({ ok: false, error: { kind: 'not-found', message: 'no such schema' } })
  })

  it('cuts an error message that echoes a huge input, saying how long it was', async () => {
    const echo = await dispatch('meta.tables', { connectionId: 'sample', database: 'main', schema: 'echo' }, client)
    if (echo.ok) throw new Error('expected an error')
    expect(echo.error.kind).toBe('syntax')
    expect(echo.error.code).toBe('SQLITE_ERROR')
    expect(echo.error.message.length).toBe(2_000)
    expect(echo.error.message.startsWith('no such column: xxx')).toBe(true)
    expect(echo.error.message.endsWith('… (140,016 characters in all)')).toBe(true)
  })
})
