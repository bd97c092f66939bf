import { describe, expect, it } from 'vitest'
import type { ColumnDefinition } from '../../../src/main/drivers/mysql/mysql-client'
import { columnTypeName, FLAG, TYPE } from '../../../src/main/drivers/mysql/mysql-columns'
import { geometryToWkt } from '../../../src/main/drivers/mysql/mysql-geometry'
import { RowEncoder } from '../../../src/main/drivers/mysql/mysql-values'
import { decodeRows, RowBatchWriter } from '../../../src/shared/contract'

const field = (columnType: number, extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  name: 'c',
  columnType,
  columnLength: 20,
  flags: 0,
  decimals: 0,
  characterSet: 63,
  encoding: 'binary',
  ...extra,
})
const text = (columnType: number = TYPE.VAR_STRING) => field(columnType, { characterSet: 45, encoding: 'utf8' })

/** A text-protocol row packet body: each value length-prefixed, null as 0xfb. */
function rowPacket(values: (string | Buffer | null)[]): Buffer {
  const parts = values.map((value) => {
    if (value === null) return Buffer.from([0xfb])
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
    if (bytes.length < 251) return Buffer.concat([Buffer.from([bytes.length]), bytes])
    const prefix = Buffer.from([0xfc, bytes.length & 0xff, bytes.length >> 8])
    return Buffer.concat([prefix, bytes])
  })
  return Buffer.concat(parts)
}

const encode = (fields: ColumnDefinition[], values: (string | Buffer | null)[]) => {
  const writer = new RowBatchWriter(fields.length)
  const row = rowPacket(values)
  new RowEncoder(fields).write(row, 0, row.length, writer)
  return decodeRows(writer.finish())[0]
}

describe('mysql: row packets to wire values', () => {
  it('keeps integers exact either side of ±(2^53−1)', () => {
    const big = field(TYPE.LONGLONG)
    const values = ['9007199254740991', '9007199254740992', '-9007199254740991', '-9007199254740992', '0', '-1']
    expect(
      encode(
        values.map(() => big),
        values,
      ),
    ).toEqual([
      9007199254740991,
      { $: 'int', v: '9007199254740992' },
      -9007199254740991,
      { $: 'int', v: '-9007199254740992' },
      0,
      -1,
    ])
  })

  it('turns float text into JSON numbers, and what JSON cannot hold into the float tag', () => {
    const double = field(TYPE.DOUBLE)
    expect(encode([double, double, double, double, double], ['1e38', '-0', '3.25', 'inf', 'nan'])).toEqual([
      1e38,
      -0,
      3.25,
      { $: 'float', v: 'Infinity' },
      { $: 'float', v: 'NaN' },
    ])
  })

  it('escapes text only where JSON needs it, and reads long length prefixes', () => {
    const long = 'x'.repeat(300)
    expect(encode([text(), text(), text(), text()], ['plain ✓', 'a "quoted" \\ line\n', long, null])).toEqual([
      'plain ✓',
      'a "quoted" \\ line\n',
      long,
      null,
    ])
  })

  it('shows binary as bytes, BIT as a bit literal, ZEROFILL as padded text', () => {
    const zerofill = field(TYPE.LONG, { flags: FLAG.ZEROFILL | FLAG.UNSIGNED })
    expect(
      encode(
        [field(TYPE.BLOB), field(TYPE.BIT), field(TYPE.BIT), zerofill],
        [Buffer.from([0, 255]), Buffer.from([0, 5]), Buffer.from([0]), '00042'],
      ),
    ).toEqual([{ $: 'bytes', v: '00ff', n: 2 }, "b'101'", "b'0'", '00042'])
  })

  it('falls back to bytes for geometry it cannot read', () => {
    const broken = Buffer.from([0, 0, 0, 0, 1, 99, 0, 0, 0])
    expect(encode([field(TYPE.GEOMETRY)], [broken])).toEqual([{ $: 'bytes', v: broken.toString('hex'), n: 9 }])
  })
})

describe('mysql: WKB to WKT', () => {
  const point = (x: number, y: number, littleEndian = true) => {
    const b = Buffer.alloc(21)
    b[0] = littleEndian ? 1 : 0
    if (littleEndian) {
      b.writeUInt32LE(1, 1)
      b.writeDoubleLE(x, 5)
      b.writeDoubleLE(y, 13)
    } else {
      b.writeUInt32BE(1, 1)
      b.writeDoubleBE(x, 5)
      b.writeDoubleBE(y, 13)
    }
    return b
  }
  const withSrid = (srid: number, wkb: Buffer) => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(srid)
    return Buffer.concat([b, wkb])
  }

  it('reads either byte order, keeps a SRID, and says EMPTY for empty collections', () => {
    const be = withSrid(0, point(1.5, -2, false))
    expect(geometryToWkt(be, 0, be.length)).toBe('POINT(1.5 -2)')
    const srid = withSrid(4326, point(1e21, 0))
    expect(geometryToWkt(srid, 0, srid.length)).toBe('SRID=4326;POINT(1e21 0)')
    const empty = withSrid(0, Buffer.from([1, 7, 0, 0, 0, 0, 0, 0, 0]))
    expect(geometryToWkt(empty, 0, empty.length)).toBe('GEOMETRYCOLLECTION EMPTY')
  })

  it('refuses truncated or trailing input', () => {
    const cut = withSrid(0, point(1, 2)).subarray(0, 20)
    expect(() => geometryToWkt(cut, 0, cut.length)).toThrow(/Truncated/)
    const trailing = Buffer.concat([withSrid(0, point(1, 2)), Buffer.from([0])])
    expect(() => geometryToWkt(trailing, 0, trailing.length)).toThrow(/Trailing/)
  })
})

describe('mysql: declared types from column definitions', () => {
  const utf8mb4 = () => 4
  it('rebuilds lengths, precision, signedness and fractional seconds', () => {
    expect(columnTypeName(field(TYPE.NEWDECIMAL, { columnLength: 40, decimals: 10 }), utf8mb4)).toBe('decimal(38,10)')
    expect(
      columnTypeName(field(TYPE.NEWDECIMAL, { columnLength: 39, decimals: 10, flags: FLAG.UNSIGNED }), utf8mb4),
    ).toBe('decimal(38,10) unsigned')
    expect(columnTypeName(field(TYPE.LONGLONG, { flags: FLAG.UNSIGNED }), utf8mb4)).toBe('bigint unsigned')
    expect(columnTypeName({ ...text(), columnLength: 80 }, utf8mb4)).toBe('varchar(20)')
    expect(columnTypeName({ ...text(TYPE.BLOB), columnLength: 262_140 }, utf8mb4)).toBe('text')
    expect(columnTypeName(field(TYPE.BLOB, { columnLength: 4_294_967_295 }), utf8mb4)).toBe('longblob')
    expect(columnTypeName(field(TYPE.DATETIME, { decimals: 6 }), utf8mb4)).toBe('datetime(6)')
    expect(columnTypeName(field(TYPE.DATETIME, { decimals: 39 }), utf8mb4)).toBe('datetime')
    expect(columnTypeName(field(TYPE.STRING, { flags: FLAG.ENUM, characterSet: 45 }), utf8mb4)).toBe('enum')
    expect(columnTypeName(field(TYPE.BLOB, { extendedFormat: 'json' }), utf8mb4)).toBe('json')
    expect(columnTypeName(field(TYPE.STRING, { extendedTypeName: 'uuid' }), utf8mb4)).toBe('uuid')
  })
})
