import { Decimal128, Double, Long, ObjectId } from 'mongodb'
import type { Document } from 'mongodb'
import { describe, expect, it } from 'vitest'
import type { SortColumn, TablePage, TableQuery, WireValue } from '../../../shared/contract'
import { parseShellScript } from '../../../shared/mongo-shell/shell-command'
import { planCommand } from './mongodb-commands'
import { afterId, planCollectionPage } from './mongodb-table-pages'
import { mongodbTableQuery } from './mongodb-table-query'

const query = (sort: SortColumn[] = [], more: Partial<TableQuery> = {}): TableQuery => ({
  schema: 'app',
  table: 'people',
  where: '',
  conditions: [],
  sort,
  ...more,
})

/** The page's statement as the driver runs it: parsed back and planned into BSON (filter, sort, skip, limit). */
function page(q: TableQuery, p: TablePage) {
  const plan = planCollectionPage(q, p)
  const built = mongodbTableQuery(q, plan.clauses)
  const [statement, ...rest] = parseShellScript(built.sql)
  expect(rest).toHaveLength(0)
  const planned = planCommand(statement!.command, 1000)
  if (planned.kind !== 'cursor' || planned.request.kind !== 'find') throw new Error('not a find')
  return { plan, sql: built.sql, filter: planned.request.filter, options: planned.request.options }
}

const oid = '65a0c0ffee0000000000abcd'
const tagged = (t: 'ObjectId' | 'Long' | 'Date' | 'Code' | 'MaxKey' | 'MinKey', v: string): WireValue => ({
  $: 'bson',
  t,
  v,
})

describe('MongoDB collection pages', () => {
  it('the first page: sorted by _id, limited to the page, keyset on _id, nothing else in the filter', () => {
    const first = page(query(), { size: 300 })
    expect(first.sql).toBe('db.getCollection("people").find({}).sort({"_id":1}).limit(300)')
    expect(first.plan.info).toEqual({ mode: 'keyset', cursor: ['_id'], reason: null })
    expect(first.options).toMatchObject({ sort: { _id: 1 }, limit: 300 })
    expect(first.options.skip).toBeUndefined()
  })

  it('the next page: the documents after the last _id (exact ObjectId), in its bracket or any later type', () => {
    const next = page(query(), { size: 1000, after: [tagged('ObjectId', oid)] })
    expect(next.filter).toEqual({
      $or: [
        { _id: { $gt: ObjectId.createFromHexString(oid) } },
        {
          _id: {
            $type: ['bool', 'date', 'timestamp', 'regex', 'dbPointer', 'javascript', 'javascriptWithScope', 'maxKey'],
          },
        },
      ],
    })
    expect(next.options).toMatchObject({ sort: { _id: 1 }, limit: 1000 })
  })

  it('Fetch all: every document after the cursor, without a limit', () => {
    const all = page(query(), { size: null, after: ['m'] })
    expect(all.options.limit).toBeUndefined()
    expect(all.sql).toMatch(/\.sort\(\{"_id":1\}\)$/)
  })

  it('exact _id values: int64 beyond 2^53, decimals, doubles, dates, strings with quotes', () => {
    const gt = (last: WireValue) => (page(query(), { size: 5, after: [last] }).filter.$or as Document[])[0]!._id.$gt
    expect(gt(tagged('Long', '9007199254740993'))).toEqual(Long.fromString('9007199254740993'))
    expect(gt({ $: 'bson', t: 'Decimal128', v: '0.1000000000000000000000000000000001' })).toEqual(
      Decimal128.fromString('0.1000000000000000000000000000000001'),
    )
    expect(gt(0.1)).toEqual(new Double(0.1))
    expect(gt(tagged('Date', '2024-02-29T23:59:59.999Z'))).toEqual(new Date('2024-02-29T23:59:59.999Z'))
    expect(gt('a"}) ; db.x.drop({')).toBe('a"}) ; db.x.drop({')
    expect(gt({ $: 'bson', t: 'Object', v: '{"k":NumberLong("1"),"d":2.0}' })).toEqual({
      k: Long.fromString('1'),
      d: new Double(2),
    })
  })

  it('descending _id: before the last in its bracket, any earlier type, and NaN after the numbers', () => {
    const q = query([{ column: '_id', descending: true }])
    const next = page(q, { size: 10, after: [42] })
    expect(next.options.sort).toEqual({ _id: -1 })
    expect(next.filter.$or).toEqual([
      { _id: { $lt: 42 } },
      { _id: { $eq: NaN } },
      { _id: { $type: ['minKey', 'undefined', 'null'] } },
    ])
  })

  it('single-value brackets and NaN page by type alone; nothing is after MaxKey', () => {
    const later = ['number', 'string', 'symbol', 'object', 'array', 'binData', 'objectId', 'bool', 'date']
    const latest = ['timestamp', 'regex', 'dbPointer', 'javascript', 'javascriptWithScope', 'maxKey']
    expect(afterId(null, false)).toBe(`{"$or":[{"_id":{"$type":${JSON.stringify([...later, ...latest])}}}]}`)
    expect(afterId({ $: 'float', v: 'NaN' }, false)).toMatch(/^\{"\$or":\[\{"_id":\{"\$gte":-Infinity\}\},/)
    expect(afterId(tagged('MaxKey', 'MaxKey'), false)).toBe('{"_id":{"$in":[]}}')
    expect(afterId(tagged('MinKey', 'MinKey'), true)).toBe('{"_id":{"$in":[]}}')
    expect(() => afterId(tagged('Code', 'function () {}'), false)).toThrow(/JavaScript code/)
    expect(() => afterId({ $: 'bson', t: 'Absent', v: '' }, false)).toThrow(/no _id/)
  })

  it('a sort on another field pages by skip in (field, _id) order, and says why', () => {
    const q = query([{ column: 'age', descending: true }])
    const first = page(q, { size: 300 })
    expect(first.plan.info.mode).toBe('offset')
    expect(first.plan.info.reason).toMatch(/sorted by "age": .*several types/)
    expect(first.options).toMatchObject({ sort: { age: -1, _id: 1 }, limit: 300 })
    const third = page(q, { size: 1000, offset: 1300 })
    expect(third.sql).toBe('db.getCollection("people").find({}).sort({"age":-1,"_id":1}).skip(1300).limit(1000)')
    expect(() => planCollectionPage(q, { size: 5, after: [1] })).toThrow(/by skip/)
  })

  it('a sort led by _id is a keyset on _id (nothing after a unique field orders)', () => {
    const plan = planCollectionPage(
      query([
        { column: '_id', descending: true },
        { column: 'age', descending: false },
      ]),
      { size: 5 },
    )
    expect(plan.info.mode).toBe('keyset')
    expect(plan.clauses.order).toEqual(['"_id":-1'])
    expect(() => planCollectionPage(query(), { size: 5, offset: 10 })).toThrow(/by _id/)
    expect(() => planCollectionPage(query(), { size: 5, after: [1, 2] })).toThrow(/not 2 values/)
  })

  it('the filter and conditions apply to every page, joined with the keyset condition', () => {
    const q = query([], {
      where: '{ status: "A", qty: { $lt: NumberLong(30) } } // mine',
      conditions: [
        { column: 'age', op: '>=', value: '30' },
        { column: 'code', op: '=', value: '"30"' },
        { column: 'name', op: '=', value: 'Ada Lovelace' },
        { column: 'owner', op: '=', value: `ObjectId("${oid}")` },
        { column: 'city', op: 'LIKE', value: 'P_r.s%' },
        { column: 'gone', op: 'IS NULL', value: '' },
      ],
    })
    const next = page(q, { size: 10, after: [5] })
    const clauses = next.filter.$and as Document[]
    expect(clauses.slice(0, 7)).toEqual([
      { status: 'A', qty: { $lt: Long.fromNumber(30) } },
      { age: { $gte: 30 } },
      { code: { $eq: '30' } },
      { name: { $eq: 'Ada Lovelace' } },
      { owner: { $eq: ObjectId.createFromHexString(oid) } },
      { city: { $regex: '^P.r\\.s.*$', $options: 's' } },
      { gone: { $eq: null } },
    ])
    expect(clauses[7]!.$or[0]).toEqual({ _id: { $gt: 5 } })
  })

  it('refuses a filter that is not a document, a bad literal, and $ field names', () => {
    expect(() => mongodbTableQuery(query([], { where: 'x > 1' }))).toThrow(/filter document/)
    expect(() => mongodbTableQuery(query([], { where: '[1]' }))).toThrow(/filter document/)
    const bad = { column: 'owner', op: '=' as const, value: 'ObjectId("nope")' }
    expect(() => mongodbTableQuery(query([], { conditions: [bad] }))).toThrow(/ObjectId/)
    expect(() => mongodbTableQuery(query([{ column: '$where', descending: false }]))).toThrow(/cannot start with \$/)
    expect(mongodbTableQuery(query([], { where: ' {} ' })).sql).toBe('db.getCollection("people").find({})')
  })

  it('a view pages by skip in its own order (no _id added), and says why', () => {
    const plain = page(query(), { size: 300 }).plan
    expect(plain.info.mode).toBe('keyset')
    const view = planCollectionPage(query(), { size: 300, offset: 0 }, true)
    expect(view.info).toMatchObject({ mode: 'offset', cursor: [] })
    expect(view.info.reason).toMatch(/people is a view: .*lack _id or repeat it/)
    expect(mongodbTableQuery(query(), view.clauses).sql).toBe('db.getCollection("people").find({}).limit(300)')
    const sorted = planCollectionPage(query([{ column: '_id', descending: true }]), { size: 5, offset: 10 }, true)
    expect(mongodbTableQuery(query(), sorted.clauses).sql).toBe(
      'db.getCollection("people").find({}).sort({"_id":-1}).skip(10).limit(5)',
    )
  })
})
