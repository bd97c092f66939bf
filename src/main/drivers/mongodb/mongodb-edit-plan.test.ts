import {
  BSON,
  Binary,
  BSONRegExp,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'mongodb'
import type { Document } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../../shared/contract'
import type { EditRequest, RowChange } from '../../../shared/contract/edit-model'
import { parseShellValue } from '../../../shared/mongo-shell/shell-parser'
import { ABSENT_VALUE, fromWireValue } from './mongodb-edit-values'
import { guardFilter, planMongoEdits } from './mongodb-edit-plan'
import { toBson } from './mongodb-shell-bson'
import { shellText, toWireValue } from './mongodb-values'

const oid = '65a0c0ffee0000000000abcd'
const id = { $: 'bson', t: 'ObjectId', v: oid } as const
const absent = { $: 'bson', t: 'Absent', v: '' } as const
const request = (...changes: RowChange[]): EditRequest => ({ target: { schema: 'app', table: 'people' }, changes })
const bytes = (document: Document) => Buffer.from(BSON.serialize(document)).toString('hex')

describe('MongoDB edits: grid cells back to BSON', () => {
  it('gives back exactly the BSON value each cell was read from', () => {
    const values: unknown[] = [
      new ObjectId(oid),
      Long.fromString('9223372036854775807'),
      Long.fromString('-9223372036854775808'),
      Decimal128.fromString('1234567890.123456789012345678901234'),
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7)),
      new Date(-70_000_000_000_000), // beyond ISO-8601's years: read as milliseconds
      new Binary(Buffer.from([0, 255, 16]), 4),
      new Binary(Buffer.alloc(0), 0),
      new Timestamp({ t: 4_294_967_295, i: 3 }),
      new BSONRegExp('^a.*b$', 'i'),
      new MinKey(),
      new MaxKey(),
      new Code('function () { return 1 }'),
      { nested: { n: Long.fromString('-5'), d: new Double(2), i: new Int32(2), at: new Date(0) }, __proto__x: 1 },
      [1, 'two', new Double(3), [Long.fromString('4')], null],
      'text',
      '',
      true,
      null,
      0.1,
      new Double(Infinity),
      new Double(NaN),
    ]
    for (const value of values) {
      const back = fromWireValue(toWireValue(value), 'f')
      expect(bytes({ f: back }), String(value)).toBe(bytes({ f: value }))
    }
  })

  it('reads Absent as no field, and refuses text that is not the type it claims', () => {
    expect(fromWireValue(absent, 'f')).toBe(ABSENT_VALUE)
    const bad = [
      { $: 'bson', t: 'ObjectId', v: 'xyz' },
      { $: 'bson', t: 'Long', v: '9223372036854775808' },
      { $: 'bson', t: 'Date', v: 'yesterday' },
      { $: 'bson', t: 'Timestamp', v: '4294967296:0' },
      { $: 'bson', t: 'Object', v: '[1]' },
      { $: 'bson', t: 'Array', v: '{"a":1}' },
      { $: 'int', v: '99999999999999999999' },
    ] as const
    for (const value of bad) expect(() => fromWireValue(value, 'f'), value.v).toThrow(QuarryFailure)
  })
})

describe('MongoDB edits: guarded writes keyed by _id', () => {
  it('guards each changed field by its whole original value, absent by $exists: false, null as present', () => {
    const filter = guardFilter(
      { _id: id, name: 'Ann', tags: { $: 'bson', t: 'Array', v: '["a"]' }, gone: absent, n: null },
      ['name', 'tags', 'gone', 'n'],
    )
    expect(bytes(filter)).toBe(
      bytes({
        _id: new ObjectId(oid),
        gone: { $exists: false },
        n: { $exists: true },
        $expr: {
          $and: [
            { $eq: ['$name', { $literal: 'Ann' }] },
            { $eq: ['$tags', { $literal: ['a'] }] },
            { $eq: ['$n', { $literal: null }] },
          ],
        },
      }),
    )
  })

  it('updates only the changed fields: $set for values, $unset for Absent; shows the shell form', () => {
    const plan = planMongoEdits(
      request({
        op: 'update',
        original: { _id: id, name: 'Ann', age: 41, note: 'x' },
        set: { name: { value: '$where' }, note: { value: absent } },
      }),
    )
    expect(plan.key).toEqual({ columns: ['_id'], source: 'document-id' })
    const w = plan.writes[0]!
    expect(w.kind).toBe('update')
    expect(plan.statements[0]).toEqual({
      change: 0,
      params: [],
      sql: plan.statements[0]!.display,
      display:
        'db.getCollection("people").updateOne({"_id":ObjectId("65a0c0ffee0000000000abcd"),"$expr":{"$and":[{"$eq":["$name",{"$literal":"Ann"}]},{"$eq":["$note",{"$literal":"x"}]}]}}, {"$set":{"name":"$where"},"$unset":{"note":""}}, {"collation":{"locale":"simple"}})',
    })
  })

  it('writes shell text that Quarry reads back to the same BSON as what runs', () => {
    const plan = planMongoEdits(
      request(
        {
          op: 'update',
          original: { _id: id, n: { $: 'bson', t: 'Long', v: '9007199254740993' }, d: 2.5 },
          set: { n: { value: { $: 'bson', t: 'Long', v: '-9223372036854775808' } }, d: { value: 1e-7 } },
        },
        {
          op: 'insert',
          values: { at: { value: { $: 'bson', t: 'Date', v: '2024-01-01T00:00:00.123Z' } }, x: { value: absent } },
        },
        { op: 'delete', original: { _id: id, b: { $: 'bson', t: 'Binary', v: '00ff', sub: 4 }, gone: absent } },
      ),
    )
    const documents = plan.writes.flatMap((w) =>
      w.kind === 'update' ? [w.filter, w.update] : w.kind === 'insert' ? [w.document] : [w.filter],
    )
    for (const document of documents)
      expect(bytes(toBson(parseShellValue(shellText(document))) as Document)).toBe(bytes(document))
    expect(plan.statements.map((s) => s.display.split('(')[1]!.split(')')[0]!.length > 0)).toEqual([true, true, true])
    expect(plan.statements[1]!.display).toBe(
      'db.getCollection("people").insertOne({"at":ISODate("2024-01-01T00:00:00.123Z")})',
    )
  })

  it('deletes guarded by every field the user saw', () => {
    const w = planMongoEdits(request({ op: 'delete', original: { _id: id, a: 1, b: absent } })).writes[0]!
    expect(w.kind === 'delete' && bytes(w.filter)).toBe(
      bytes({ _id: new ObjectId(oid), b: { $exists: false }, $expr: { $eq: ['$a', { $literal: 1 }] } }),
    )
  })

  it('refuses what it cannot write exactly, with the reason', () => {
    const refuse = (change: RowChange, message: RegExp, keyColumns?: string[]) => {
      const failure = (() => {
        try {
          planMongoEdits({ ...request(change), ...(keyColumns ? { keyColumns } : {}) })
        } catch (error) {
          return error
        }
        return null
      })()
      expect(failure).toBeInstanceOf(QuarryFailure)
      expect((failure as QuarryFailure).error.kind).toBe('invalid-input')
      expect((failure as QuarryFailure).message).toMatch(message)
    }
    refuse({ op: 'update', original: { _id: id }, set: { _id: { value: 'x' } } }, /_id cannot change/)
    refuse({ op: 'update', original: { _id: id }, set: { a: { default: true } } }, /no default/)
    refuse({ op: 'update', original: { _id: id }, set: { 'a.b': { value: 1 } } }, /"\."/)
    refuse({ op: 'update', original: { _id: id }, set: { $inc: { value: 1 } } }, /"\$"/)
    refuse({ op: 'update', original: { name: 'no id' }, set: { name: { value: 1 } } }, /_id/)
    refuse({ op: 'update', original: { _id: id }, set: { a: { value: 1 } } }, /identified by _id/, ['a'])
  })

  it('keeps a field named __proto__ as data', () => {
    const w = planMongoEdits(request({ op: 'insert', values: { ['__proto__']: { value: 1 } } })).writes[0]!
    expect(w.kind === 'insert' && Object.keys(w.document)).toEqual(['__proto__'])
  })
})
