import { BSON, Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'mongodb'
import type { Document } from 'mongodb'
import type { EngineFixtures } from './engine-harness'

/** A setup step: a database command in Extended JSON (exact BSON types), run by the MongoDB harness. */
const step = (command: Document): string => BSON.EJSON.stringify(command, { relaxed: false })

const OID = '65a0c0ffee0000000000abcd'
const SERIES_CHUNK = 10_000

/** `series` documents: _id 1..rows and nine more fields (ten top-level fields, like the SQL tables' columns). */
function seriesDocuments(from: number, to: number): Document[] {
  const documents: Document[] = []
  for (let i = from; i <= to; i++) {
    documents.push({
      _id: new Int32(i),
      label: `row ${i}`,
      half: new Double(i * 0.5),
      parity: new Int32(i % 2),
      big: Long.fromNumber(i * 1_000_003),
      code: i.toString(16).toUpperCase(),
      flag: i % 7 === 0,
      note: null,
      score: new Double(i / 3),
      stamp: new Date(Date.UTC(2024, 0, 1)),
    })
  }
  return documents
}

/** MongoDB versions of the shared fixtures: collections and views made by database commands. */
export const mongodbFixtures: EngineFixtures = {
  queries: {
    seriesIdLabel: 'db.series.aggregate([{ $sort: { _id: 1 } }, { $project: { _id: 0, id: "$_id", label: 1 } }])',
    seriesAllOrdered: 'db.series.find({}).sort({ _id: 1 })',
    seriesAll: 'db.series.find()',
    seriesCount: 'db.series.countDocuments({})',
    seriesFirst5000: 'db.series.find({ _id: { $lte: 5000 } }, { _id: 1 }).sort({ _id: 1 })',
    one: 'db.aggregate([{ $documents: [{ one: NumberInt(1) }] }])',
    vals: 'db.vals.find()',
    syntaxError: 'SELEKT 1',
    badQuery: 'db.series.aggregate([{ $noSuchStage: {} }])',
    nothing: '  ;  // only a comment',
  },
  minimal: [step({ insert: 't', documents: [{ _id: new Int32(1), x: new Int32(1) }] })],
  lacks: { sqlScripts: true, relationalCatalog: true },
  catalog: [
    step({
      insert: 'authors',
      documents: [
        { _id: new Int32(1), email: 'ada@example.com', name: 'Ada', born: null },
        { _id: new Int32(2), email: 'alan@example.com', name: 'Alan' },
      ],
    }),
    step({
      create: 'books',
      validator: {
        $jsonSchema: { bsonType: 'object', required: ['title'], properties: { title: { bsonType: 'string' } } },
      },
    }),
    step({
      insert: 'books',
      documents: [
        {
          _id: new Int32(1),
          author_id: new Int32(1),
          title: 'Notes',
          isbn: '111',
          price: Decimal128.fromString('9.99'),
          published: true,
          meta: { pages: new Int32(10) },
        },
        {
          _id: new Int32(2),
          author_id: new Int32(2),
          title: 'Machines',
          isbn: null,
          price: Decimal128.fromString('19.50'),
          published: false,
        },
        {
          _id: new Int32(3),
          author_id: new Int32(2),
          title: 'Numbers',
          isbn: '222',
          price: Decimal128.fromString('5.00'),
          published: true,
          meta: { pages: new Int32(300) },
        },
      ],
    }),
    step({
      createIndexes: 'books',
      indexes: [
        { key: { isbn: 1 }, name: 'books_isbn', unique: true, partialFilterExpression: { isbn: { $type: 'string' } } },
        { key: { title: 1, published: -1 }, name: 'books_title_lower', collation: { locale: 'en', strength: 2 } },
      ],
    }),
    step({
      insert: 'tags',
      documents: [{ _id: { book_id: new Int32(1), tag: 'math' } }, { _id: { book_id: new Int32(3), tag: 'math' } }],
    }),
    step({ create: 'reviews' }),
    step({
      create: 'published_books',
      viewOn: 'books',
      pipeline: [{ $match: { published: true } }, { $project: { title: 1 } }],
    }),
  ],
  documentCatalog: {
    table: 'books',
    fields: {
      _id: ['int'],
      author_id: ['int'],
      title: ['string'],
      isbn: ['string', 'null'],
      price: ['decimal'],
      published: ['bool'],
      meta: ['object'],
      'meta.pages': ['int'],
    },
    indexes: ['_id_', 'books_isbn', 'books_title_lower'],
    validator: /\$jsonSchema.*"required":\["title"\]/,
  },
  values: {
    setup: [
      step({
        insert: 'vals',
        documents: [
          {
            _id: new Int32(1),
            long_max: Long.fromString('9223372036854775807'),
            long_min: Long.fromString('-9223372036854775808'),
            decimal: Decimal128.fromString('1234567890.123456789012345678901234'),
            oid: ObjectId.createFromHexString(OID),
            date: new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7)),
            before_epoch: new Date(Date.UTC(1900, 0, 1)),
            binary: new Binary(Buffer.from([0, 255, 16]), 0),
            uuid: new Binary(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), 4),
            timestamp: new Timestamp({ t: 1_700_000_000, i: 7 }),
            int: new Int32(-7),
            double: new Double(0.1),
            whole_double: new Double(3),
            nan: new Double(NaN),
            empty: '',
            nothing: null,
            unicode: 'héllo ✓ 🎉 日本語',
            nested: { a: new Int32(1), l: Long.fromString('9007199254740993'), at: new Date(0) },
            list: ['x', new Int32(2), null],
          },
        ],
      }),
    ],
    expected: {
      _id: 1,
      long_max: { $: 'bson', t: 'Long', v: '9223372036854775807' },
      long_min: { $: 'bson', t: 'Long', v: '-9223372036854775808' },
      decimal: { $: 'bson', t: 'Decimal128', v: '1234567890.123456789012345678901234' },
      oid: { $: 'bson', t: 'ObjectId', v: OID },
      date: { $: 'bson', t: 'Date', v: '2024-02-29T23:59:59.007Z' },
      before_epoch: { $: 'bson', t: 'Date', v: '1900-01-01T00:00:00.000Z' },
      binary: { $: 'bson', t: 'Binary', v: '00ff10', sub: 0 },
      uuid: { $: 'bson', t: 'Binary', v: '0123456789abcdef0123456789abcdef', sub: 4 },
      timestamp: { $: 'bson', t: 'Timestamp', v: '1700000000:7' },
      int: -7,
      double: 0.1,
      whole_double: 3,
      nan: { $: 'float', v: 'NaN' },
      empty: '',
      nothing: null,
      unicode: 'héllo ✓ 🎉 日本語',
      nested: {
        $: 'bson',
        t: 'Object',
        v: '{"a":1,"l":NumberLong("9007199254740993"),"at":ISODate("1970-01-01T00:00:00.000Z")}',
      },
      list: { $: 'bson', t: 'Array', v: '["x",2,null]' },
    },
  },
  series: (rows) => {
    const steps: string[] = []
    for (let from = 1; from <= rows; from += SERIES_CHUNK)
      steps.push(step({ insert: 'series', documents: seriesDocuments(from, Math.min(rows, from + SERIES_CHUNK - 1)) }))
    return steps
  },
  // One aggregation step that never ends: $densify makes documents one by one (no memory grows), none pass $match.
  endless:
    'db.aggregate([{ $documents: [{ n: 0 }] }, { $densify: { field: "n", range: { step: 1, bounds: [0, 1000000000000000] } } }, { $match: { n: -1 } }])',
}
