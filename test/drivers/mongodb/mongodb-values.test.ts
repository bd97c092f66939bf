import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, ObjectId, Timestamp } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { toBson } from '../../../src/main/drivers/mongodb/mongodb-shell-bson'
import { bsonTypeName, inferSchema } from '../../../src/main/drivers/mongodb/mongodb-schema-inference'
import { shellText, toWireValue } from '../../../src/main/drivers/mongodb/mongodb-values'
import { parseShellValue } from '../../../src/shared/mongo-shell/shell-parser'
import { ShellSyntaxError } from '../../../src/shared/mongo-shell/shell-value'

const oid = '65a0c0ffee0000000000abcd'

describe('MongoDB values: BSON to grid cells', () => {
  it('keeps every BSON type exactly, tagged where JSON has no type', () => {
    expect(toWireValue(new ObjectId(oid))).toEqual({ $: 'bson', t: 'ObjectId', v: oid })
    expect(toWireValue(Long.fromString('9223372036854775807'))).toEqual({
      $: 'bson',
      t: 'Long',
      v: '9223372036854775807',
    })
    expect(toWireValue(Long.fromString('-9223372036854775808'))).toEqual({
      $: 'bson',
      t: 'Long',
      v: '-9223372036854775808',
    })
    expect(toWireValue(Decimal128.fromString('1234567890.123456789012345678901234'))).toEqual({
      $: 'bson',
      t: 'Decimal128',
      v: '1234567890.123456789012345678901234',
    })
    expect(toWireValue(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 7)))).toEqual({
      $: 'bson',
      t: 'Date',
      v: '2024-02-29T23:59:59.007Z',
    })
    expect(toWireValue(new Binary(Buffer.from([0, 255, 16]), 4))).toEqual({
      $: 'bson',
      t: 'Binary',
      v: '00ff10',
      sub: 4,
    })
    expect(toWireValue(new Timestamp({ t: 1_700_000_000, i: 3 }))).toEqual({
      $: 'bson',
      t: 'Timestamp',
      v: '1700000000:3',
    })
    expect(toWireValue(new BSONRegExp('a/b', 'i'))).toEqual({ $: 'bson', t: 'RegExp', v: '/a\\/b/i' })
    expect(toWireValue(new Int32(7))).toBe(7)
    expect(toWireValue(new Double(0.1))).toBe(0.1)
    expect(toWireValue(new Double(NaN))).toEqual({ $: 'float', v: 'NaN' })
    expect(toWireValue(null)).toBeNull()
    expect(toWireValue('')).toBe('')
    expect(toWireValue(new MaxKey())).toEqual({ $: 'bson', t: 'MaxKey', v: 'MaxKey' })
  })

  it('writes nested documents and arrays as compact shell text', () => {
    const nested = {
      a: new Int32(1),
      d: new Double(2),
      l: Long.fromString('9007199254740993'),
      id: new ObjectId(oid),
      at: new Date(0),
      tags: ['x', null],
    }
    expect(toWireValue(nested)).toEqual({
      $: 'bson',
      t: 'Object',
      v: `{"a":1,"d":2.0,"l":NumberLong("9007199254740993"),"id":ObjectId("${oid}"),"at":ISODate("1970-01-01T00:00:00.000Z"),"tags":["x",null]}`,
    })
  })

  it('reads its own shell text back to the same BSON (round trip through the parser)', () => {
    const original = {
      int: new Int32(-5),
      double: new Double(1),
      long: Long.fromString('-9223372036854775808'),
      decimal: Decimal128.fromString('0.10'),
      id: new ObjectId(oid),
      at: new Date(Date.UTC(1999, 11, 31)),
      bin: new Binary(Buffer.from('hi'), 0),
      ts: new Timestamp({ t: 5, i: 6 }),
      re: new BSONRegExp('^a/[/]', 'im'),
      text: 'quote " and \\ and ✓',
      nested: { list: [new Int32(1), { deep: true }] },
    }
    const text = shellText(original)
    const back = toBson(parseShellValue(text))
    expect(shellText(back)).toBe(text)
  })
})

describe('MongoDB values: shell literals to BSON', () => {
  const bson = (text: string) => toBson(parseShellValue(text))

  it('builds the relaxed-shell constructors', () => {
    expect(bson(`ObjectId("${oid}")`)).toEqual(new ObjectId(oid))
    expect((bson('ISODate("2024-03-01T10:00:00Z")') as Date).toISOString()).toBe('2024-03-01T10:00:00.000Z')
    // A date without a zone is UTC, as in the shell.
    expect((bson('ISODate("2024-03-01T10:00:00")') as Date).toISOString()).toBe('2024-03-01T10:00:00.000Z')
    expect(String(bson('NumberLong("9223372036854775807")'))).toBe('9223372036854775807')
    expect(String(bson('NumberLong(42)'))).toBe('42')
    expect(bson('NumberInt(7)')).toEqual(new Int32(7))
    expect(String(bson('NumberDecimal("3.1400")'))).toBe('3.1400')
    expect(bson('1.0')).toEqual(new Double(1))
    expect(bson('1')).toBe(1)
    expect(bson('/ab+c/i')).toEqual(new BSONRegExp('ab+c', 'i'))
  })

  it.each([
    ['ObjectId("xyz")', 'needs exactly 24 hex digits'],
    ['NumberLong("9223372036854775808")', 'outside the 64-bit range'],
    ['NumberLong(9223372036854775807)', 'write it as a string'],
    ['NumberInt(2147483648)', 'outside the 32-bit range'],
    ['NumberDecimal("abc")', 'not a decimal number'],
    ['ISODate("yesterday")', 'not an ISO-8601 date'],
    ['ISODate()', 'does not read the clock'],
    ['BinData(0, "not base64!")', 'base64'],
    ['Timestamp(-1, 0)', 'Timestamp() takes'],
  ])('refuses %s with a typed, positioned error', (text, message) => {
    let thrown: unknown
    try {
      bson(`{ a: ${text} }`)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ShellSyntaxError)
    expect((thrown as ShellSyntaxError).message).toContain(message)
    expect((thrown as ShellSyntaxError).position).toBe(6)
  })
})

describe('MongoDB schema inference', () => {
  it('lists field paths, nested too, with the types seen and in how many documents', () => {
    const fields = inferSchema([
      {
        _id: new ObjectId(oid),
        name: 'a',
        n: new Int32(1),
        address: { city: 'x', zip: new Int32(1) },
        items: [{ sku: 'p' }],
      },
      { _id: new ObjectId(oid), name: null, n: new Double(1.5), address: { city: 'y' }, items: [] },
      { _id: new ObjectId(oid), n: Long.fromString('5'), items: [{ sku: 'q' }, { sku: new Int32(3) }] },
    ])
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]))
    expect(fields.map((f) => f.path)).toEqual([
      '_id',
      'name',
      'n',
      'address',
      'address.city',
      'address.zip',
      'items',
      'items.sku',
    ])
    expect(byPath._id).toEqual({ path: '_id', count: 3, types: [{ type: 'objectId', count: 3 }] })
    expect(byPath.name).toEqual({
      path: 'name',
      count: 2,
      types: [
        { type: 'string', count: 1 },
        { type: 'null', count: 1 },
      ],
    })
    expect(byPath.n?.types.map((t) => t.type).sort()).toEqual(['double', 'int', 'long'])
    expect(byPath['address.zip']).toMatchObject({ count: 1 })
    expect(byPath['items.sku']).toEqual({
      path: 'items.sku',
      count: 2,
      types: [
        { type: 'string', count: 2 },
        { type: 'int', count: 1 },
      ],
    })
  })

  it('names BSON types as $type does', () => {
    expect(
      [new Date(0), Decimal128.fromString('1'), new Binary(Buffer.alloc(0)), true, [], {}].map(bsonTypeName),
    ).toEqual(['date', 'decimal', 'binData', 'bool', 'array', 'object'])
  })
})
