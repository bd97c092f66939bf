import { BSON, Binary, Decimal128, Double, Long, MongoClient, ObjectId } from 'mongodb'
import type { Document } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { createMongodbDriver } from '../../../src/main/drivers/mongodb/mongodb-driver'
import type { WireValue } from '../../../src/shared/contract'
import type { EditRequest, RowChange } from '../../../src/shared/contract/edit-model'
import { mongodbOptions, mongodbUrl } from '../../helpers/mongodb-harness'

const url = mongodbUrl()
if (!url) console.warn('MongoDB edits conformance NOT RUN: QUARRY_TEST_MONGODB_URL is not set')

const database = `quarry_edits_${process.pid}`
const collection = 'people'
const ann = new ObjectId('65a0c0ffee0000000000a001')
const bo = new ObjectId('65a0c0ffee0000000000a002')

/** The documents as the test writes them through the official client (not through Quarry). */
const documents = (): Document[] => [
  {
    _id: ann,
    name: 'Ann',
    big: Long.fromString('9223372036854775807'),
    price: Decimal128.fromString('12345678901234567890.123456789'),
    at: new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7)),
    blob: new Binary(Buffer.from([0, 255, 16]), 4),
    ratio: new Double(2),
    nested: { a: [1, Long.fromString('-5')], b: null },
    note: null,
  },
  { _id: bo, name: 'Bo', tags: ['x', 'y'] },
]

const bytes = (value: unknown) => Buffer.from(BSON.serialize({ v: value })).toString('hex')

describe.skipIf(!url)('MongoDB edits against a server', () => {
  let admin: MongoClient
  let connection: DriverConnection

  const serverDocument = async (id: ObjectId) =>
    admin.db(database).collection(collection).findOne({ _id: id }, { promoteValues: false, promoteLongs: false })

  /** The rows as Quarry reads them (the grid's cells), by _id hex. */
  const readRows = async (): Promise<Map<string, Record<string, WireValue>>> => {
    const result = await connection.execute(`db.getCollection("${collection}").find({})`, { database })
    const rows = new Map<string, Record<string, WireValue>>()
    for (const row of result.rows) {
      const record = Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]!]))
      rows.set((record._id as { v: string }).v, record)
    }
    return rows
  }

  const request = (...changes: RowChange[]): EditRequest => ({
    target: { schema: database, table: collection },
    changes,
  })

  beforeAll(async () => {
    admin = await new MongoClient(url!, { serverSelectionTimeoutMS: 5_000 }).connect()
    connection = await createMongodbDriver().connect({ ...mongodbOptions(url!), database })
  })

  afterAll(async () => {
    await connection?.close()
    await admin?.db(database).dropDatabase()
    await admin?.close()
  })

  const reset = async () => {
    await admin.db(database).collection(collection).deleteMany({})
    await admin.db(database).collection(collection).insertMany(documents())
  }

  it('updates one field; every other value stays byte-identical', async () => {
    await reset()
    const row = (await readRows()).get(ann.toHexString())!
    const outcome = await connection.edits!.apply(
      request({
        op: 'update',
        original: row,
        set: { name: { value: 'Anne' }, note: { value: { $: 'bson', t: 'Absent', v: '' } } },
      }),
      { manualCommit: false },
    )
    expect(outcome.kind).toBe('applied')
    const after = (await serverDocument(ann))!
    expect(after.name).toBe('Anne')
    expect('note' in after).toBe(false)
    const before = documents()[0]!
    for (const field of ['big', 'price', 'at', 'blob', 'ratio', 'nested'])
      expect(bytes(after[field]), field).toBe(bytes(before[field]))
  })

  it('writes edited BSON values exactly (Long beyond 2^53, Decimal128, Date, Binary subtype)', async () => {
    await reset()
    const row = (await readRows()).get(ann.toHexString())!
    const set = {
      big: { value: { $: 'bson', t: 'Long', v: '-9223372036854775808' } },
      price: { value: { $: 'bson', t: 'Decimal128', v: '0.000000000000000000000000000001' } },
      at: { value: { $: 'bson', t: 'Date', v: '1969-12-31T23:59:59.999Z' } },
      blob: { value: { $: 'bson', t: 'Binary', v: 'deadbeef', sub: 5 } },
    } as const
    expect(
      (await connection.edits!.apply(request({ op: 'update', original: row, set }), { manualCommit: false })).kind,
    ).toBe('applied')
    const after = (await serverDocument(ann))!
    expect(bytes(after.big)).toBe(bytes(Long.fromString('-9223372036854775808')))
    expect(bytes(after.price)).toBe(bytes(Decimal128.fromString('0.000000000000000000000000000001')))
    expect(bytes(after.at)).toBe(bytes(new Date(-1)))
    expect(bytes(after.blob)).toBe(bytes(new Binary(Buffer.from('deadbeef', 'hex'), 5)))
  })

  it('a document changed by someone else since it was read is a conflict, and nothing of the request is written', async () => {
    await reset()
    const rows = await readRows()
    await admin
      .db(database)
      .collection(collection)
      .updateOne({ _id: bo }, { $set: { tags: ['x', 'y', 'z'] } })
    const outcome = await connection.edits!.apply(
      request(
        { op: 'update', original: rows.get(ann.toHexString())!, set: { name: { value: 'changed' } } },
        {
          op: 'update',
          original: rows.get(bo.toHexString())!,
          set: { tags: { value: { $: 'bson', t: 'Array', v: '[]' } } },
        },
      ),
      { manualCommit: false },
    )
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind !== 'conflict') return
    expect(outcome.keptChanges).toBeUndefined()
    expect(outcome.conflicts.map((c) => [c.change, c.affected])).toEqual([[1, 0]])
    expect(outcome.conflicts[0]!.current?.tags).toEqual({ $: 'bson', t: 'Array', v: '["x","y","z"]' })
    expect((await serverDocument(ann))!.name).toBe('Ann')
  })

  it('an array grown around the original value is a conflict (whole-value guard, not element match)', async () => {
    await reset()
    const row = (await readRows()).get(ann.toHexString())!
    await admin
      .db(database)
      .collection(collection)
      .updateOne({ _id: ann }, { $set: { name: ['Ann', 'Other'] } })
    const outcome = await connection.edits!.apply(
      request({ op: 'update', original: row, set: { name: { value: 'X' } } }),
      { manualCommit: false },
    )
    expect(outcome.kind).toBe('conflict')
  })

  it('inserts and deletes, each checked to touch exactly one document', async () => {
    await reset()
    const rows = await readRows()
    const outcome = await connection.edits!.apply(
      request(
        { op: 'delete', original: rows.get(bo.toHexString())! },
        {
          op: 'insert',
          values: { name: { value: 'Cy' }, n: { value: { $: 'bson', t: 'Long', v: '9007199254740993' } } },
        },
      ),
      { manualCommit: false },
    )
    expect(outcome.kind).toBe('applied')
    expect(await serverDocument(bo)).toBeNull()
    const cy = await admin.db(database).collection(collection).findOne({ name: 'Cy' }, { promoteLongs: false })
    expect(String(cy?.n)).toBe('9007199254740993')
    // Inserting an _id that exists is a conflict that shows the document already there.
    const again = await connection.edits!.apply(
      request({ op: 'insert', values: { _id: { value: rows.get(ann.toHexString())!._id! } } }),
      {
        manualCommit: false,
      },
    )
    expect(again.kind === 'conflict' && again.conflicts[0]!.current?.name).toBe('Ann')
  })
})
