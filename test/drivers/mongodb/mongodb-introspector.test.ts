import { Double, Int32, Long } from 'mongodb'
import type { Document } from 'mongodb'
import { describe, expect, it } from 'vitest'
import type { MongoClientLike } from '../../../src/main/drivers/mongodb/mongodb-client'
import { MongoIntrospector } from '../../../src/main/drivers/mongodb/mongodb-introspector'
import { failureOf } from '../../helpers/streams'

/** Catalog answers as a server gives them (read with promoteValues off: Int32, Long, Double wrappers). */
function catalogClient(): { client: MongoClientLike; commands: Document[] } {
  const commands: Document[] = []
  const collections = [
    { name: 'orders', type: 'collection', options: { validator: { $jsonSchema: { required: ['sku'] } } } },
    { name: 'system.views', type: 'collection', options: {} },
    { name: 'recent', type: 'view', options: { viewOn: 'orders', pipeline: [{ $limit: new Int32(5) }] } },
  ]
  const client = {
    async command(_database: string, command: Document) {
      commands.push(command)
      if (command.listDatabases)
        return {
          databases: [
            { name: 'shop', sizeOnDisk: Long.fromNumber(8192) },
            { name: 'admin', sizeOnDisk: new Double(4096) },
          ],
        }
      if (command.listCollections) {
        const name = (command.filter as Document | undefined)?.name
        return { cursor: { firstBatch: collections.filter((c) => name === undefined || c.name === name) } }
      }
      if (command.count) return { n: new Int32(command.count === 'orders' ? 42 : 0) }
      if (command.listIndexes)
        return {
          cursor: {
            firstBatch: [
              { name: '_id_', key: { _id: new Int32(1) } },
              { name: 'sku_1_at_-1', key: { sku: new Int32(1), at: new Int32(-1) }, unique: true },
              { name: 'body_text', key: { body: 'text' }, partialFilterExpression: { sku: { $exists: true } } },
            ],
          },
        }
      if (command.aggregate)
        return {
          cursor: {
            firstBatch: [
              { _id: new Int32(1), sku: 'a', qty: new Int32(2) },
              { _id: new Int32(2), sku: 'b' },
            ],
          },
        }
      throw new Error(`unexpected ${JSON.stringify(command)}`)
    },
  } as unknown as MongoClientLike
  return { client, commands }
}

describe('MongoDB introspection (fake catalog answers)', () => {
  it('lists databases with sizes, the named one even before it exists', async () => {
    const { client } = catalogClient()
    expect(await new MongoIntrospector(client, 'fresh').databases()).toEqual([
      { name: 'admin', sizeBytes: 4096 },
      { name: 'fresh', sizeBytes: null },
      { name: 'shop', sizeBytes: 8192 },
    ])
    expect((await new MongoIntrospector(client, null).databases()).map((d) => d.name)).toEqual(['admin', 'shop'])
  })

  it('lists collections (estimated counts) and views, system collections hidden', async () => {
    const { client } = catalogClient()
    expect(await new MongoIntrospector(client, null).tables('shop', 'shop')).toEqual([
      { schema: 'shop', name: 'orders', kind: 'table', rowCount: 42, rowCountExact: false },
      { schema: 'shop', name: 'recent', kind: 'view', rowCount: null, rowCountExact: false },
    ])
  })

  it('describes a collection: inferred schema from $sample, indexes, validator', async () => {
    const { client, commands } = catalogClient()
    const schema = await new MongoIntrospector(client, null).tableSchema('shop', 'shop', 'orders')
    expect(commands.find((c) => c.aggregate)?.pipeline).toEqual([{ $sample: { size: 200 } }])
    expect(schema.columns.map((c) => [c.name, c.dataType, c.nullable, c.primaryKeyPosition])).toEqual([
      ['_id', 'int', false, 1],
      ['sku', 'string', false, null],
      ['qty', 'int', true, null],
    ])
    expect(schema.indexes).toEqual([
      {
        name: '_id_',
        columns: ['_id'],
        unique: true,
        primary: true,
        predicate: null,
        method: null,
        expressions: false,
      },
      {
        name: 'sku_1_at_-1',
        columns: ['sku', 'at -1'],
        unique: true,
        primary: false,
        predicate: null,
        method: null,
        expressions: false,
      },
      {
        name: 'body_text',
        columns: ['body text'],
        unique: false,
        primary: false,
        predicate: '{"sku":{"$exists":true}}',
        method: 'text',
        expressions: false,
      },
    ])
    expect(schema.documentSchema).toEqual({
      sampleSize: 2,
      fields: [
        { path: '_id', count: 2, types: [{ type: 'int', count: 2 }] },
        { path: 'sku', count: 2, types: [{ type: 'string', count: 2 }] },
        { path: 'qty', count: 1, types: [{ type: 'int', count: 1 }] },
      ],
      validator: '{"$jsonSchema":{"required":["sku"]}}',
    })
  })

  it('describes a view by its pipeline, and answers not-found for a missing collection', async () => {
    const { client } = catalogClient()
    const introspector = new MongoIntrospector(client, null)
    const view = await introspector.tableSchema('shop', 'shop', 'recent')
    expect(view).toMatchObject({ kind: 'view', primaryKey: [], indexes: [] })
    expect(view.definition).toBe('db.createView("recent", "orders", [{"$limit":5}])')
    await failureOf(introspector.tableSchema('shop', 'shop', 'nope'), 'not-found')
  })
})
