import { describe, expect, it } from 'vitest'
import { decodeRows } from '../../src/shared/contract'
import type { EventPayloads } from '../../src/shared/contract'
import { CREDIT_WINDOW, QueryService } from '../../src/main/services/query-service'
import { fakeConnection } from './fake-connection'
import { recordingClient } from './recording-client'

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))
const batchesOf = (events: ReturnType<typeof recordingClient>['events']) =>
  events.filter((e) => e.event === 'query.batch').map((e) => e.payload as EventPayloads['query.batch'])

describe('QueryService streaming', () => {
  it('streams every row in order when the client acknowledges each batch', async () => {
    const service = new QueryService()
    const { connection } = fakeConnection(50)
    const { client, events, waitForEnd } = recordingClient()
    service.start(client, Promise.resolve(connection), 'sqlite', { queryId: 'q1', sql: 'select' })
    // Acknowledge as a renderer would, as batches arrive.
    const acker = setInterval(() => batchesOf(events).forEach((b) => service.ack(client, 'q1', b.seq)), 1)
    const end = await waitForEnd()
    clearInterval(acker)
    expect(end.outcome).toBe('done')
    expect(end.rowCount).toBe(500)
    const values = batchesOf(events).flatMap((b) => decodeRows(b.rows).map((row) => row[0]))
    expect(values).toEqual(Array.from({ length: 500 }, (_, i) => i))
    expect(events.slice(0, 2).map((e) => e.event)).toEqual(['query.statement', 'query.columns'])
  })

  it('pauses the producer when the client stops acknowledging (backpressure)', async () => {
    const service = new QueryService()
    const { connection, progress } = fakeConnection(1000)
    const { client, events } = recordingClient()
    service.start(client, Promise.resolve(connection), 'sqlite', { queryId: 'q2', sql: 'select' })
    await settle()
    expect(batchesOf(events)).toHaveLength(CREDIT_WINDOW)
    expect(progress.produced).toBe(CREDIT_WINDOW)
    service.ack(client, 'q2', 1)
    await settle()
    expect(progress.produced).toBe(CREDIT_WINDOW + 2)
    await service.cancel(client, 'q2')
  })

  it('cancel ends the query as cancelled and releases the stream', async () => {
    const service = new QueryService()
    const { connection, progress } = fakeConnection(1000)
    const { client, waitForEnd } = recordingClient()
    service.start(client, Promise.resolve(connection), 'sqlite', { queryId: 'q3', sql: 'select' })
    await settle()
    expect(await service.cancel(client, 'q3')).toBe(true)
    const end = await waitForEnd()
    expect(end.outcome).toBe('cancelled')
    expect(end.error).toBeNull()
    expect(progress.released).toBe(true)
    expect(service.runningCount).toBe(0)
    expect(await service.cancel(client, 'q3')).toBe(false)
  })

  it('a client that disconnects has its queries cancelled', async () => {
    const service = new QueryService()
    const { connection, progress } = fakeConnection(1000)
    const { client, disconnect, waitForEnd } = recordingClient()
    service.start(client, Promise.resolve(connection), 'sqlite', { queryId: 'q4', sql: 'select' })
    await settle()
    disconnect()
    expect((await waitForEnd()).outcome).toBe('cancelled')
    expect(progress.released).toBe(true)
  })

  it('one client cannot cancel or acknowledge another client’s query', async () => {
    const service = new QueryService()
    const { connection } = fakeConnection(1000)
    const owner = recordingClient('owner')
    const stranger = recordingClient('stranger')
    service.start(owner.client, Promise.resolve(connection), 'sqlite', { queryId: 'shared-id', sql: 'select' })
    await settle()
    expect(await service.cancel(stranger.client, 'shared-id')).toBe(false)
    expect(service.runningCount).toBe(1)
    await service.cancel(owner.client, 'shared-id')
  })

  it('a failing connection ends the query with a typed error', async () => {
    const service = new QueryService()
    const { client, waitForEnd } = recordingClient()
    const failing = Promise.reject(Object.assign(new Error('unable to open database file'), { name: 'SqliteError' }))
    service.start(client, failing, 'sqlite', { queryId: 'q5', sql: 'select' })
    const end = await waitForEnd()
    expect(end.outcome).toBe('error')
    expect(end.error?.message).toContain('unable to open database file')
    expect(end.error?.engine).toBe('sqlite')
  })
})
