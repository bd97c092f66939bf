import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, MongoClient, ObjectId, Timestamp } from 'mongodb'
import type { Document } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MongoConnection } from '../../../src/main/drivers/mongodb/mongodb-connection'
import { planCommand } from '../../../src/main/drivers/mongodb/mongodb-commands'
import { createMongodbDriver } from '../../../src/main/drivers/mongodb/mongodb-driver'
import type { SortColumn, TableQuery, WireValue } from '../../../src/shared/contract'
import { parseShellScript } from '../../../src/shared/mongo-shell/shell-command'
import { mongodbOptions, mongodbUrl } from '../../helpers/mongodb-harness'
import { collect } from '../../helpers/streams'

const url = mongodbUrl()
if (!url) console.warn('MongoDB table pages conformance NOT RUN: QUARRY_TEST_MONGODB_URL is not set')

const database = `quarry_pages_${process.pid}`

/** An _id of every type an _id may have, in no order: the pages must follow the server's sort across them. */
const MIXED_IDS: unknown[] = [
  new MaxKey(),
  'b"}) ; x',
  new ObjectId('65a0c0ffee0000000000000b'),
  new Int32(-5),
  true,
  new Date(Date.UTC(2024, 1, 29)),
  new MinKey(),
  Long.fromString('9007199254740993'),
  { k: 1 },
  new Double(2.5),
  null,
  new Binary(Buffer.from([1, 2]), 0),
  new Timestamp({ t: 5, i: 1 }),
  Decimal128.fromString('3.1'),
  new Double(NaN),
  'a',
  false,
  new ObjectId('65a0c0ffee0000000000000a'),
  new Double(-Infinity),
  { k: 0 },
]

/** `age` of many types, arrays and missing: a sort on it pages by skip. */
const people = Array.from({ length: 23 }, (_, i): Document => {
  const ages = [30, '30', [1, 40], null, undefined, 12.5, Long.fromNumber(7), { y: 1 }]
  const age = ages[i % ages.length]
  return { _id: new Int32(i), name: `p${i % 5}`, ...(age === undefined ? {} : { age }) }
})

describe.skipIf(!url)('MongoDB collection pages against a server', () => {
  let admin: MongoClient
  let connection: MongoConnection
  const driver = createMongodbDriver()
  const query = (table: string, sort: SortColumn[] = [], more: Partial<TableQuery> = {}): TableQuery => ({
    schema: database,
    table,
    where: '',
    conditions: [],
    sort,
    ...more,
  })

  /** Every document in the pages' order, in one find (the page of size null from the start). */
  async function whole(q: TableQuery): Promise<WireValue[][]> {
    const plan = await connection.pages.plan(q, { size: null }, database)
    return (await collect(connection.stream(driver.tableQuery(q, plan.clauses).sql, { batchSize: 1000, database })))
      .rows
  }

  /** The collection read page by page as the renderer asks (the last _id, or the offset; the fields loaded). */
  async function paged(q: TableQuery, size: number) {
    const rows: WireValue[][] = []
    let columns: string[] = []
    let after: WireValue[] | undefined
    for (let pages = 1; pages < 200; pages++) {
      const page = { size, ...(after ? { after } : rows.length ? { offset: rows.length } : {}) }
      const plan = await connection.pages.plan(q, page, database)
      const built = driver.tableQuery(q, plan.clauses)
      const read = await collect(connection.stream(built.sql, { batchSize: 1000, database, knownColumns: columns }))
      expect(read.rows.length).toBeLessThanOrEqual(size)
      // The fields loaded keep their places: later pages only append.
      expect(read.columns.slice(0, columns.length).map((c) => c.name)).toEqual(columns)
      columns = read.columns.map((c) => c.name)
      rows.push(...read.rows)
      if (read.rows.length < size) {
        // Rows read before a field was first seen lack its cell: the grid reads them as absent.
        const absent: WireValue = { $: 'bson', t: 'Absent', v: '' }
        const full = rows.map((row) => [...row, ...Array<WireValue>(columns.length - row.length).fill(absent)])
        return { rows: full, columns, mode: plan.info.mode }
      }
      if (plan.info.mode === 'keyset') after = [read.rows.at(-1)![columns.indexOf('_id')]!]
    }
    throw new Error('more than 200 pages')
  }

  beforeAll(async () => {
    admin = await new MongoClient(url!, { serverSelectionTimeoutMS: 5_000 }).connect()
    const db = admin.db(database)
    await db.collection('mixed').insertMany(MIXED_IDS.map((_id, i) => ({ _id, i })) as Document[])
    await db.collection('people').insertMany(people)
    await db.createCollection('names', { viewOn: 'people', pipeline: [{ $project: { _id: 0, name: 1 } }] })
    const series = Array.from({ length: 3_000 }, (_, i) => ({ _id: new ObjectId(), n: i }))
    await db.collection('series').insertMany(series)
    connection = (await driver.connect({ ...mongodbOptions(url!), database })) as MongoConnection
  })

  afterAll(async () => {
    await connection?.close()
    await admin?.db(database).dropDatabase()
    await admin?.close()
  })

  it.each([false, true])(
    '_id of every type (descending: %s): pages of 1, 2, 5 are exactly the sorted collection',
    async (descending) => {
      const q = query('mixed', descending ? [{ column: '_id', descending: true }] : [])
      const all = await whole(q)
      expect(all).toHaveLength(MIXED_IDS.length)
      const server = await admin
        .db(database)
        .collection('mixed')
        .find({}, { sort: { _id: descending ? -1 : 1 }, projection: { i: 1 } })
        .toArray()
      expect(all.map((row) => row[1])).toEqual(server.map((d) => d.i))
      for (const size of [1, 2, 5]) {
        const { rows, mode } = await paged(q, size)
        expect(mode).toBe('keyset')
        expect(rows).toEqual(all)
      }
    },
  )

  it('a sort on a field of mixed types and arrays pages by skip, in (field, _id) order', async () => {
    const q = query('people', [{ column: 'age', descending: true }])
    const all = await whole(q)
    expect(all).toHaveLength(people.length)
    for (const size of [1, 4]) {
      const { rows, mode } = await paged(q, size)
      expect(mode).toBe('offset')
      expect(rows).toEqual(all)
    }
  })

  it('a view (documents without _id) pages by skip in its own order', async () => {
    const q = query('names')
    const all = await whole(q)
    expect(all).toHaveLength(people.length)
    const { rows, mode } = await paged(q, 4)
    expect(mode).toBe('offset')
    expect(rows).toEqual(all)
  })

  it('the filter document and the conditions apply to every page', async () => {
    const q = query('people', [], {
      where: '{ name: { $in: ["p1", "p2"] } }',
      conditions: [{ column: 'age', op: 'IS NOT NULL', value: '' }],
    })
    const all = await whole(q)
    const expected = people.filter((p) => ['p1', 'p2'].includes(p.name) && p.age !== undefined && p.age !== null)
    expect(all.map((row) => row[0])).toEqual(expected.map((p) => p._id.value))
    expect((await paged(q, 2)).rows).toEqual(all)
  })

  it('a next page reads about its own documents on the server, not the ones before it', async () => {
    const q = query('series')
    const first = await paged(q, 1000)
    expect(first.rows).toHaveLength(3_000)
    const after = [first.rows[1_499]![0]!]
    const plan = await connection.pages.plan(q, { size: 300, after }, database)
    const [statement] = parseShellScript(driver.tableQuery(q, plan.clauses).sql)
    const planned = planCommand(statement!.command, 1000)
    if (planned.kind !== 'cursor' || planned.request.kind !== 'find') throw new Error('not a find')
    const { filter, options } = planned.request
    const explained = await admin
      .db(database)
      .collection('series')
      .find(filter, { sort: options.sort as Document, limit: options.limit as number })
      .explain('executionStats')
    const stats = explained.executionStats as {
      nReturned: number
      totalDocsExamined: number
      totalKeysExamined: number
    }
    expect(stats.nReturned).toBe(300)
    expect(stats.totalDocsExamined).toBeLessThanOrEqual(301)
    expect(stats.totalKeysExamined).toBeLessThanOrEqual(320)
  })
})
