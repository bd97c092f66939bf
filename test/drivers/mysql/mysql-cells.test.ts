import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decoderFor } from '../../../src/main/drivers/mysql/mysql-charsets'
import type { ColumnDefinition } from '../../../src/main/drivers/mysql/mysql-client'
import { FLAG, TYPE } from '../../../src/main/drivers/mysql/mysql-columns'
import { RowEncoder } from '../../../src/main/drivers/mysql/mysql-values'
import { decodeRows, RowBatchWriter } from '../../../src/shared/contract'
import type { WireValue } from '../../../src/shared/contract'

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
const text = (encoding = 'utf8', characterSet = 45) => field(TYPE.VAR_STRING, { characterSet, encoding })

/** A length-encoded value as the server writes it: 1, 3 (0xfc), 4 (0xfd) or 9 (0xfe) byte prefix. */
function lengthEncoded(bytes: Buffer, wide = false): Buffer {
  const n = bytes.length
  let prefix: Buffer
  if (n < 251 && !wide) prefix = Buffer.from([n])
  else if (n < 1 << 16 && !wide) prefix = Buffer.from([0xfc, n & 0xff, n >> 8])
  else if (n < 1 << 24) prefix = Buffer.from([0xfd, n & 0xff, (n >> 8) & 0xff, n >> 16])
  else throw new Error('test values stay under 16 MiB')
  if (wide) {
    prefix = Buffer.alloc(9)
    prefix[0] = 0xfe
    prefix.writeUInt32LE(n, 1)
  }
  return Buffer.concat([prefix, bytes])
}

/** Rows through one encoder and one writer (buffers reused), each packet inside a bigger buffer. */
function encodeRows(fields: ColumnDefinition[], rows: (string | Buffer | null)[][], wide = false): WireValue[][] {
  const encoder = new RowEncoder(fields)
  const writer = new RowBatchWriter(fields.length)
  for (const values of rows) {
    const body = Buffer.concat(
      values.map((value) =>
        value === null
          ? Buffer.from([0xfb])
          : lengthEncoded(typeof value === 'string' ? Buffer.from(value, 'utf8') : value, wide),
      ),
    )
    const packet = Buffer.concat([Buffer.from('head'), body, Buffer.from('tail')])
    encoder.write(packet, 4, 4 + body.length, writer)
  }
  return decodeRows(writer.finish())
}
const encode = (fields: ColumnDefinition[], values: (string | Buffer | null)[]) => encodeRows(fields, [values])[0]!

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i))

describe('mysql: row packet cells into a row batch', () => {
  it('copies UTF-8 text as it is: multi-byte, emoji, controls, empty apart from NULL', () => {
    const values = ['héllo ✓ 🎉 日本語', 'q " \\ \n\t\u0000', '', 'NULL', null]
    expect(
      encode(
        values.map(() => text()),
        values,
      ),
    ).toStrictEqual(values)
    expect(encode([text('cesu8', 33)], ['utf8mb3 ✓ Ж'])).toStrictEqual(['utf8mb3 ✓ Ж'])
  })

  it('parses integers from their digits, exact on both sides of ±(2^53−1), signed and unsigned', () => {
    const unsigned = field(TYPE.LONGLONG, { flags: FLAG.UNSIGNED })
    const long = field(TYPE.LONG)
    const values = ['0', '-1', '9007199254740991', '-9007199254740991', '9007199254740992', '-9223372036854775808']
    expect(
      encode(
        [...values.map(() => field(TYPE.LONGLONG)), unsigned, unsigned],
        [...values, '18446744073709551615', '1000000000000000'],
      ),
    ).toStrictEqual([
      0,
      -1,
      9007199254740991,
      -9007199254740991,
      { $: 'int', v: '9007199254740992' },
      { $: 'int', v: '-9223372036854775808' },
      { $: 'int', v: '18446744073709551615' },
      1000000000000000,
    ])
    expect(encode([long, long, field(TYPE.TINY)], ['-2147483648', '4294967295', '-128'])).toStrictEqual([
      -2147483648, 4294967295, -128,
    ])
  })

  it('keeps floats exact (-0 too) and DECIMAL as its digits', () => {
    const double = field(TYPE.DOUBLE)
    const decimal = field(TYPE.NEWDECIMAL)
    const row = encode(
      [double, double, double, field(TYPE.FLOAT), decimal, decimal],
      ['-0', '5e-324', '1.7976931348623157e308', '3.40282e38', '-0.0000000001', '9'.repeat(65)],
    )
    expect(Object.is(row[0], -0)).toBe(true)
    expect(row.slice(1)).toStrictEqual([5e-324, 1.7976931348623157e308, 3.40282e38, '-0.0000000001', '9'.repeat(65)])
  })

  it('carries BLOB and BINARY as raw bytes (all 256 values), JSON as text', () => {
    const json = '{"a": [1, 2.50, "é"]}'
    expect(
      encode([field(TYPE.BLOB), field(TYPE.STRING), field(TYPE.JSON)], [ALL_BYTES, Buffer.alloc(0), json]),
    ).toStrictEqual([{ $: 'bytes', v: ALL_BYTES.toString('hex'), n: 256 }, { $: 'bytes', v: '', n: 0 }, json])
  })

  it('reads every length prefix and keeps huge values whole', () => {
    const big = 'é✓🎉x'.repeat(400_000) // 4 MB: a 0xfd prefix
    const blob = Buffer.alloc(70_000, 0x5a) // a 0xfd prefix
    const medium = 'm'.repeat(300) // 0xfc
    expect(encode([text(), field(TYPE.BLOB), text()], [big, blob, medium])).toStrictEqual([
      big,
      { $: 'bytes', v: blob.toString('hex'), n: blob.length },
      medium,
    ])
    // An 8-byte (0xfe) prefix, as the server writes for values of 16 MiB and more.
    expect(encodeRows([text(), field(TYPE.LONGLONG)], [['wide', '7']], true)).toStrictEqual([['wide', 7]])
  })

  it('refuses a packet that ends inside a value', () => {
    const writer = new RowBatchWriter(1)
    const packet = Buffer.from([5, 0x61, 0x62])
    expect(() => new RowEncoder([text()]).write(packet, 0, packet.length, writer)).toThrow(RangeError)
  })

  it('decodes text in other result character sets exactly, and keeps a set nobody knows as bytes', () => {
    const cases: [string, number, Buffer, string][] = [
      ['latin1', 8, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x9f, 0x81, 0x9d]), 'café €Ÿ\u0081\u009d'],
      ['sjis', 13, iconv.encode('日本語 カナ', 'sjis'), '日本語 カナ'],
      ['koi8r', 7, iconv.encode('Привет', 'koi8r'), 'Привет'],
      ['euckr', 19, iconv.encode('한국어', 'euckr'), '한국어'],
      ['ucs2', 35, Buffer.from([0x00, 0x68, 0x04, 0x16]), 'hЖ'],
      ['utf16', 54, Buffer.from([0xd8, 0x3c, 0xdf, 0x89, 0x00, 0x41]), '🎉A'],
      ['utf16-le', 56, Buffer.from([0x3c, 0xd8, 0x89, 0xdf, 0x41, 0x00]), '🎉A'],
      ['utf32', 60, Buffer.from([0, 1, 0xf3, 0x89, 0, 0, 0, 0x41]), '🎉A'],
      // A byte order mark is text: kept, not stripped.
      ['utf16', 54, Buffer.from([0xfe, 0xff, 0x00, 0x41]), '\ufeffA'],
    ]
    for (const [encoding, set, bytes, expected] of cases) {
      expect(encode([text(encoding, set)], [bytes]), encoding).toStrictEqual([expected])
    }
    expect(encode([text('no-such-set', 250)], [Buffer.from([1, 2])])).toStrictEqual([{ $: 'bytes', v: '0102', n: 2 }])
    expect(decoderFor('no-such-set')).toBeNull()
  })

  it('reuses its buffers from batch to batch, leaving nothing behind', () => {
    const fields = [text(), field(TYPE.LONGLONG), field(TYPE.BLOB)]
    const encoder = new RowEncoder(fields)
    const writer = new RowBatchWriter(fields.length)
    const write = (values: Buffer[]) => {
      const body = Buffer.concat(values.map((value) => lengthEncoded(value)))
      encoder.write(body, 0, body.length, writer)
    }
    write([Buffer.from('x'.repeat(500)), Buffer.from('9223372036854775807'), ALL_BYTES])
    const first = decodeRows(writer.finish())
    write([Buffer.from('y'), Buffer.from('2'), Buffer.from([7])])
    expect(first).toStrictEqual([
      ['x'.repeat(500), { $: 'int', v: '9223372036854775807' }, { $: 'bytes', v: ALL_BYTES.toString('hex'), n: 256 }],
    ])
    expect(decodeRows(writer.finish())).toStrictEqual([['y', 2, { $: 'bytes', v: '07', n: 1 }]])
  })
})
