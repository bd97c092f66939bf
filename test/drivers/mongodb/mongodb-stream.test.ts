import { Int32 } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { MongoConnection } from '../../../src/main/drivers/mongodb/mongodb-connection'
import type { StreamItem } from '../../../src/main/drivers/driver'
import { collect, failureOf, sleep } from '../../helpers/streams'
import { MONGODB } from '../../../src/shared/engines/mongodb'
import { fakeMongoClient } from './fake-mongo-client'

const connectionOver = (client: ReturnType<typeof fakeMongoClient>['client']) =>
  new MongoConnection({
    client,
    database: 'app',
    serverVersion: '8.0.0',
    serverInfo: (serverVersion) => ({
      engine: 'mongodb',
      driverName: 'MongoDB',
      driverVersion: 'fake',
      serverVersion,
      capabilities: MONGODB.capabilities,
    }),
  })

const documents = Array.from({ length: 2_500 }, (_, i) =>
  i === 1_000 ? { _id: new Int32(i), extra: 'late' } : { _id: new Int32(i), n: i },
)

describe('MongoDB streaming (fake client)', () => {
  it('yields batches of the plan, fetching server batches only as the consumer pulls', async () => {
    const { client, log } = fakeMongoClient(documents)
    const connection = connectionOver(client)
    const iterator = connection
      .stream('db.items.find({ n: { $gte: 0 } }).sort({ _id: 1 })', {
        queryId: 'q',
        batchSize: (i) => (i === 0 ? 100 : 400),
      })
      [Symbol.asyncIterator]()
    const pull = async (): Promise<StreamItem> => (await iterator.next()).value as StreamItem
    expect((await pull()).kind).toBe('statement')
    expect(await pull()).toEqual({ kind: 'columns', columns: [] })
    expect(await pull()).toEqual({
      kind: 'columns',
      columns: [
        { name: '_id', type: null },
        { name: 'n', type: null },
      ],
    })
    expect(await pull()).toMatchObject({ kind: 'rows', count: 100 })
    // The server batch is the plan's second size; nothing more was read than that one batch.
    expect(log.cursors[0]!.request.options.batchSize).toBe(400)
    expect(log.fetched).toBe(400)
    await sleep(50)
    expect(log.fetched).toBe(400)
    expect(log.cursors[0]!.options.comment).toBe('quarry:q')
    const rest = await collect({ [Symbol.asyncIterator]: () => iterator })
    // The document with a new field appended a column; earlier columns kept their place.
    expect(rest.columns.map((c) => c.name)).toEqual(['_id', 'n', 'extra'])
    expect(rest.rows).toHaveLength(2_400)
    expect(rest.rows[900]).toEqual([1_000, { $: 'bson', t: 'Absent', v: '' }, 'late'])
    expect(log.sessionsEnded).toBe(1)
  })

  it('fails a bad script before taking a session, with the position in the script', async () => {
    const { client, log } = fakeMongoClient(documents)
    const connection = connectionOver(client)
    const error = await failureOf(connection.execute('db.a.find()\ndb.b.find({ a: eval("1") })'), 'syntax')
    expect(error).toMatchObject({ engine: 'mongodb', code: 'ShellSyntax', position: 28 })
    expect(log.sessionsEnded).toBe(0)
    expect(log.cursors).toHaveLength(0)
  })
})

describe('MongoDB cancel wiring (fake client)', () => {
  it('cancel kills the query’s own session on the server, then ends it; the connection carries on', async () => {
    const { client, log } = fakeMongoClient(documents, { hang: true })
    const connection = connectionOver(client)
    const controller = new AbortController()
    const iterator = connection
      .stream('db.items.aggregate([{ $match: {} }])', { queryId: 'long', batchSize: 100, signal: controller.signal })
      [Symbol.asyncIterator]()
    expect((await iterator.next()).value?.kind).toBe('statement')
    expect((await iterator.next()).value).toEqual({ kind: 'columns', columns: [] })
    const next = iterator.next()
    next.catch(() => {})
    await sleep(20)
    expect(connection.diagnostics().running).toEqual([{ comment: 'quarry:long' }])
    controller.abort()
    await failureOf(next, 'cancelled')
    const sessionId = log.cursors[0]!.options.session!.id
    expect(log.killed).toEqual([sessionId])
    // A killed server session is not pooled for the next query.
    expect(log.discarded).toEqual([sessionId])
    const kill = log.commands.find((c) => c.command.killSessions)!
    expect(kill.database).toBe('admin')
    // The kill ran outside the killed session.
    expect(kill.options?.session).toBeUndefined()
    expect(log.sessionsEnded).toBe(1)
    expect(connection.diagnostics().running).toEqual([]) // no longer running
  })

  it('an aborted signal cancels the same way, and a pre-aborted one before anything runs', async () => {
    const { client, log } = fakeMongoClient(documents, { hang: true })
    const connection = connectionOver(client)
    const controller = new AbortController()
    const running = collect(
      connection.stream('db.items.find()', { queryId: 's', batchSize: 10, signal: controller.signal }),
    )
    await sleep(20)
    controller.abort()
    await failureOf(running, 'cancelled')
    expect(log.killed).toHaveLength(1)
    await failureOf(
      collect(connection.stream('db.items.find()', { queryId: 'p', batchSize: 10, signal: AbortSignal.abort() })),
      'cancelled',
    )
    expect(log.cursors).toHaveLength(1)
  })
})
