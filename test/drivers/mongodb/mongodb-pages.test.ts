import { Int32 } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { MongoConnection } from '../../../src/main/drivers/mongodb/mongodb-connection'
import { createMongodbDriver } from '../../../src/main/drivers/mongodb/mongodb-driver'
import type { TableQuery } from '../../../src/shared/contract'
import { MONGODB } from '../../../src/shared/engines/mongodb'
import { collect } from '../../helpers/streams'
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

const query: TableQuery = { schema: 'app', table: 'items', where: '', conditions: [], sort: [] }
const documents = Array.from({ length: 5_000 }, (_, i) => ({ _id: new Int32(i), n: i }))

describe('MongoDB collection pages over the connection (fake client)', () => {
  it('the first page is one find limited to its size: the server sends only those documents', async () => {
    const { client, log } = fakeMongoClient(documents)
    const connection = connectionOver(client)
    const plan = await connection.pages.plan(query, { size: 300 }, 'app')
    const built = createMongodbDriver().tableQuery(query, plan.clauses)
    const read = await collect(connection.stream(built.sql, { batchSize: (i) => (i === 0 ? 100 : 1000) }))
    expect(read.rows).toHaveLength(300)
    expect(log.fetched).toBe(300)
    expect(log.cursors[0]!.request.options).toMatchObject({ sort: { _id: 1 }, limit: 300 })
    // The page's session (and its cursor) ended with the page: nothing stays open until the next one.
    expect(log.sessionsEnded).toBe(1)
    expect(connection.diagnostics().running).toEqual([])
  })

  it('a page sorted by another field skips the documents read', async () => {
    const { client, log } = fakeMongoClient(documents)
    const connection = connectionOver(client)
    const sorted = { ...query, sort: [{ column: 'n', descending: true }] }
    const plan = await connection.pages.plan(sorted, { size: 1000, offset: 300 }, 'app')
    const read = await collect(
      connection.stream(createMongodbDriver().tableQuery(sorted, plan.clauses).sql, { batchSize: 500 }),
    )
    expect(log.cursors[0]!.request.options).toMatchObject({ sort: { n: -1, _id: 1 }, skip: 300, limit: 1000 })
    expect(read.rows).toHaveLength(1000)
  })

  it('a next page keeps the fields already shown in place; its new fields come after them', async () => {
    const page = [
      { n: 7, _id: new Int32(301), late: 'x' },
      { _id: new Int32(302), n: 8 },
    ]
    const { client } = fakeMongoClient(page)
    const connection = connectionOver(client)
    const items: string[][] = []
    const stream = connection.stream('db.items.find({})', { batchSize: 100, knownColumns: ['_id', 'gone', 'n'] })
    for await (const item of stream) if (item.kind === 'columns') items.push(item.columns.map((c) => c.name))
    expect(items).toEqual([
      ['_id', 'gone', 'n'],
      ['_id', 'gone', 'n', 'late'],
    ])
    const read = await collect(
      connectionOver(fakeMongoClient(page).client).stream('db.items.find({})', {
        batchSize: 100,
        knownColumns: ['_id', 'gone', 'n'],
      }),
    )
    const absent = { $: 'bson', t: 'Absent', v: '' }
    expect(read.rows).toEqual([
      [301, absent, 7, 'x'],
      [302, absent, 8, absent],
    ])
  })

  it('asks the server whether the name is a view: a view pages by skip, without a sort on _id', async () => {
    const { client, log } = fakeMongoClient(documents)
    const command = client.command.bind(client)
    client.command = async (database, request, options) =>
      request.listCollections
        ? { cursor: { firstBatch: [{ name: 'items', type: 'view', options: {} }] }, ok: 1 }
        : command(database, request, options)
    const connection = connectionOver(client)
    const plan = await connection.pages.plan(query, { size: 300 }, undefined)
    expect(plan.info.mode).toBe('offset')
    await collect(connection.stream(createMongodbDriver().tableQuery(query, plan.clauses).sql, { batchSize: 500 }))
    expect(log.cursors[0]!.request.options).toMatchObject({ limit: 300 })
    expect(log.cursors[0]!.request.options.sort).toBeUndefined()
  })
})
