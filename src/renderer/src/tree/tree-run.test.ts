import { describe, expect, it } from 'vitest'
import type { EventMessage } from '../../../shared/contract'
import type { QuarryClient } from '../api/quarry-client'
import { QueryEventRouter } from '../query/query-events'
import { runConfirmed } from './tree-run'

/** A fake main: records calls; `end` pushes a query.end for the last started query. */
function fakeMain(start: { ok: boolean } = { ok: true }) {
  const calls: { method: string; input: Record<string, unknown> }[] = []
  let push: (message: EventMessage) => void = () => {}
  const client = {
    call: async (method: string, input: Record<string, unknown>) => {
      calls.push({ method, input })
      if (method === 'query.start' && !start.ok)
        return { ok: false, error: { kind: 'permission', message: 'read-only connection' } }
      return { ok: true, value: method === 'query.start' ? { queryId: input['queryId'] } : { cancelled: true } }
    },
    onEvent: (listener: (message: EventMessage) => void) => {
      push = listener
      return () => {}
    },
  } as unknown as QuarryClient
  const router = new QueryEventRouter(client)
  const end = (outcome: 'done' | 'error' | 'cancelled', error: { kind: 'syntax'; message: string } | null = null) => {
    const queryId = calls.find((c) => c.method === 'query.start')!.input['queryId'] as string
    push({
      event: 'query.end',
      payload: { queryId, outcome, rowCount: 0, affectedRows: null, elapsedMs: 1, error },
    })
  }
  return { client, router, calls, end }
}

const target = { connectionId: 'c', database: 'db', sql: 'DROP TABLE "s"."t"' }

describe('runConfirmed', () => {
  it('sends exactly the confirmed statement as the safe-mode confirmation, and ends when the run ends', async () => {
    const main = fakeMain()
    const run = runConfirmed(main.client, main.router, target)
    await Promise.resolve()
    expect(main.calls[0]).toMatchObject({
      method: 'query.start',
      input: { ...target, confirmedDangerous: true, confirmedWrite: target.sql },
    })
    main.end('done')
    expect(await run.done).toBeNull()
  })

  it('answers the engine’s error, a refusal to start, and Cancel as errors', async () => {
    const failing = fakeMain()
    const run = runConfirmed(failing.client, failing.router, target)
    await Promise.resolve()
    failing.end('error', { kind: 'syntax', message: 'no such table' })
    expect(await run.done).toMatchObject({ message: 'no such table' })

    const refused = fakeMain({ ok: false })
    expect(await runConfirmed(refused.client, refused.router, target).done).toMatchObject({ kind: 'permission' })

    const cancelled = fakeMain()
    const stopped = runConfirmed(cancelled.client, cancelled.router, target)
    stopped.cancel()
    await Promise.resolve()
    expect(cancelled.calls.map((c) => c.method)).toEqual(['query.start', 'query.cancel'])
    cancelled.end('cancelled')
    expect(await stopped.done).toMatchObject({ kind: 'cancelled' })
  })
})
