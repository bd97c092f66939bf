import { describe, expect, it } from 'vitest'
import {
  BSON_TAGS,
  KIND_BOOL,
  KIND_DICT,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  KIND_NULL,
  KIND_PACKED,
  KIND_TAGGED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  RowBatchError,
} from './row-batch'
import { readBatch } from './row-batch-reader'
import { decodeRows, encodeRows, firstRows } from './row-batch-rows'
import { RowBatchWriter } from './row-batch-writer'
import { ABSENT_FIELD, type WireValue } from './values'

/** mulberry32: a small seeded generator, so a failure names its seed and replays. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  5e-324,
  -5e-324,
  1.7976931348623157e308,
  1e-300,
  3.14159,
]
const STRINGS = [
  '',
  'a',
  'plain ascii text',
  'é',
  'naïve café',
  '日本語',
  '😀 emoji',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDFFF',
  '\u0000nul',
  'a'.repeat(40) + '\uD83D',
  'ü'.repeat(200),
]

function randomValue(next: () => number, kind: number): WireValue {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const hex = (n: number): string =>
    Array.from({ length: n }, () =>
      Math.floor(next() * 256)
        .toString(16)
        .padStart(2, '0'),
    ).join('')
  switch (kind) {
    case 0:
      return null
    case 1:
      return next() < 0.5
    case 2:
      return next() < 0.5 ? pick(NUMBERS) : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20)
    case 3:
      return next() < 0.5
        ? pick(STRINGS)
        : String.fromCharCode(...Array.from({ length: Math.floor(next() * 50) }, () => Math.floor(next() * 0x10000)))
    case 4:
      return { $: 'int', v: pick(['9007199254740993', '-9223372036854775808', '18446744073709551615']) }
    case 5: {
      const carried = Math.floor(next() * 20)
      return { $: 'bytes', v: hex(carried), n: next() < 0.5 ? carried : carried + Math.floor(next() * 1e6) }
    }
    case 6:
      return { $: 'float', v: pick(['Infinity', '-Infinity', 'NaN']) }
    case 7: {
      const t = pick(BSON_TAGS)
      if (t === 'Absent') return ABSENT_FIELD
      const v = pick(['507f1f77bcf86cd799439011', '{ a: "\uD800" }', '2024-01-01T00:00:00.000Z', ''])
      return next() < 0.5 ? { $: 'bson', t, v } : { $: 'bson', t, v, sub: Math.floor(next() * 256) }
    }
  }
  throw new Error('kind')
}

/** Integers at the edges of the compact kinds: int32, safe, int64, and digits that must stay TAGGED. */
const INTEGERS: WireValue[] = [
  0,
  -1,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 31,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  ...[
    '9007199254740992',
    '-9007199254740992',
    '-9007199254740993',
    '-1234567890123456789',
    '9223372036854775807',
    '-9223372036854775808',
  ].map((v): WireValue => ({
    $: 'int',
    v,
  })),
]
/** Int cells the I64 kind cannot read back the same (non-canonical, safe, or outside int64). */
const ODD_INTS: WireValue[] = ['9007199254740991', '09007199254740993', '-0', '9223372036854775808', '1e30'].map(
  (v): WireValue => ({ $: 'int', v }),
)

/** A column that may fit a compact kind: ints, text (fixed or varying width, short or long), booleans. */
function compactColumn(next: () => number, rows: number): WireValue[] {
  const shape = Math.floor(next() * 7)
  const nulls = next() < 0.5 ? 0 : 0.2
  const odd = next() < 0.1
  const width = Math.floor(next() * 5)
  return Array.from({ length: rows }, (): WireValue => {
    if (next() < nulls) return null
    if (odd && next() < 0.05) return randomValue(next, Math.floor(next() * 8))
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
    switch (shape) {
      case 0:
        return Math.floor((next() - 0.5) * 2 ** 32)
      case 1:
        return odd && next() < 0.2 ? pick(ODD_INTS) : pick(INTEGERS)
      case 2:
        return next() < 0.5
      case 3:
        return 'é日x'.slice(0, width % 3) + 'abcd'.slice(0, width)
      case 4:
        return pick(STRINGS.slice(0, 7)) + (odd ? '\uD800' : '')
      case 5:
        // Few distinct values, '' among them: a dictionary's shape.
        return pick(['', 'web', 'ios', 'android', 'naïve café', '日本語 😀', 'x'.repeat(300)])
      default:
        return 'x'.repeat(Math.floor(next() * 3000))
    }
  })
}

/** A column's cells: mixed kinds, one kind, all null, numbers with nulls, or a compact-kind shape. */
function randomColumn(next: () => number, rows: number): WireValue[] {
  const mode = Math.floor(next() * 6)
  const kind = Math.floor(next() * 8)
  if (mode >= 4) return compactColumn(next, rows)
  return Array.from({ length: rows }, () => {
    if (mode === 0) return randomValue(next, Math.floor(next() * 8))
    if (mode === 1) return randomValue(next, kind)
    if (mode === 2) return null
    return next() < 0.2 ? null : randomValue(next, 2)
  })
}

const kindsOf = (batch: Uint8Array): number[] => {
  const view = new DataView(batch.buffer, batch.byteOffset)
  return Array.from({ length: view.getUint32(8, true) }, (_, c) => view.getUint32(16 + c * 16, true))
}

const roundTrip = (rows: WireValue[][]): WireValue[][] => decodeRows(encodeRows(rows))

describe('row batch format', () => {
  it('round-trips random batches of every value kind exactly (seeded)', () => {
    const kinds = new Set<number>()
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed)
      const rowCount = seed % 50 === 0 ? 3000 : Math.floor(next() * 40)
      const columnCount = seed % 37 === 0 ? 0 : Math.floor(next() * 8) + 1
      const columns = Array.from({ length: columnCount }, () => randomColumn(next, rowCount))
      const rows = Array.from({ length: rowCount }, (_, r) => columns.map((column) => column[r]!))
      // Encoded (DICT, PACKED where they pay) and plain: both read back every cell exactly.
      const batch = encodeRows(rows, columnCount, { encode: seed % 3 !== 0 })
      for (const kind of kindsOf(batch)) kinds.add(kind)
      // The whole-batch path (column at a time, ASCII text sliced) must agree with the cell path.
      expect({ seed, rows: decodeRows(batch) }).toStrictEqual({ seed, rows })
      const reader = readBatch(batch)
      expect({ seed, rows: reader.rowCount, columns: reader.columnCount }).toEqual({
        seed,
        rows: rowCount,
        columns: columnCount,
      })
      for (let r = 0; r < rowCount; r++) {
        for (let c = 0; c < columnCount; c++) {
          const got = reader.cell(r, c)
          if (!Object.is(got, rows[r]![c]) && JSON.stringify(got) !== JSON.stringify(rows[r]![c]))
            expect({ seed, r, c, got }).toStrictEqual({ seed, r, c, got: rows[r]![c] })
          if (typeof got === 'number') expect(Object.is(got, rows[r]![c])).toBe(true)
        }
      }
    }
    // Every column kind was exercised (the generator is not silently missing one).
    expect([...kinds].sort((x, y) => x - y)).toEqual([
      KIND_NULL,
      KIND_F64,
      KIND_TAGGED,
      KIND_I32,
      KIND_I64,
      KIND_BOOL,
      KIND_TEXT32,
      KIND_TEXT16,
      KIND_TEXT_FIXED,
      KIND_DICT,
      KIND_PACKED,
    ])
  })

  it('keeps -0, NaN, extreme floats and lone surrogates exact', () => {
    const [row] = roundTrip([[-0, NaN, 5e-324, -(2 ** 53 - 1), '\uD800', 'a\uDC00b', '😀', '']])
    expect(Object.is(row![0], -0)).toBe(true)
    expect(row!.slice(1)).toStrictEqual([NaN, 5e-324, -(2 ** 53 - 1), '\uD800', 'a\uDC00b', '😀', ''])
  })

  it('chooses the column kind by content: NULL, F64, TAGGED and the compact kinds', () => {
    const big = { $: 'int', v: '-9223372036854775808' } as const
    const rows: WireValue[][] = [
      [null, 1.5, 1, 1, 2 ** 40, true, 'ab', 'x', 'x'.repeat(70000), -0, 1, 'é'],
      [null, null, 'x', null, big, null, 'cd', '', 'y', 1, { $: 'int', v: '9007199254740991' }, '\uD800'],
    ]
    const batch = encodeRows(rows, undefined, { encode: false })
    expect(kindsOf(batch)).toEqual([
      KIND_NULL,
      KIND_F64,
      KIND_TAGGED,
      KIND_I32,
      KIND_I64,
      KIND_BOOL,
      KIND_TEXT_FIXED,
      KIND_TEXT16,
      KIND_TEXT32,
      KIND_F64, // -0 is not an int32
      KIND_TAGGED, // a safe value given as int digits reads back as digits only from TAGGED
      KIND_TAGGED, // a lone surrogate is carried as UTF-16 only by TAGGED
    ])
    expect(decodeRows(batch)).toStrictEqual(rows)
  })

  it('spends a bit per boolean and 4 bytes per int32 cell', () => {
    const rows = Array.from({ length: 1024 }, (_, i): WireValue[] => [i, i % 3 === 0, i % 7 === 0 ? null : 'row'])
    // header + 3 directory entries + I32 (4 KiB) + BOOL (128 B) + TEXT_FIXED (null bitmap 128 B + 3 KiB)
    expect(encodeRows(rows, undefined, { encode: false }).byteLength).toBe(16 + 48 + 4096 + 128 + 128 + 3072)
  })

  it('keeps every section 8-aligned and the batch exact-size', () => {
    const batch = encodeRows([
      [1, 'abc', null, true],
      [2.5, 'é', 3, false],
      [null, '', 'z', null],
    ])
    expect(batch.byteLength % 8).toBe(0)
    const view = new DataView(batch.buffer, batch.byteOffset)
    expect(view.getUint32(12, true)).toBe(batch.byteLength)
    for (let c = 0; c < 4; c++)
      for (let s = 1; s < 4; s++) expect(view.getUint32(16 + c * 16 + s * 4, true) % 8).toBe(0)
  })

  it('writes from raw bytes: UTF-8 text, int digits and cut binary', () => {
    const writer = new RowBatchWriter(3)
    const packet = new TextEncoder().encode('xx日本yy12345678901234567890zz')
    writer.textUtf8(packet, 2, 8)
    writer.intUtf8(packet, 10, 30)
    writer.bytes(packet, 0, 2, 1000)
    writer.endRow()
    expect(decodeRows(writer.finish())).toStrictEqual([
      ['日本', { $: 'int', v: '12345678901234567890' }, { $: 'bytes', v: '7878', n: 1000 }],
    ])
  })

  it('is reused after finish, and sizes the batch it would make', () => {
    const writer = new RowBatchWriter(2)
    writer.number(1)
    writer.text('a')
    writer.endRow()
    expect(writer.byteLength).toBe(writer.finish().byteLength)
    writer.text('b')
    writer.null()
    writer.endRow()
    expect(decodeRows(writer.finish())).toStrictEqual([['b', null]])
    expect(decodeRows(writer.finish())).toStrictEqual([])
  })

  it('holds 0 rows, 0 columns, and rows of no columns', () => {
    expect(decodeRows(encodeRows([]))).toStrictEqual([])
    expect(decodeRows(encodeRows([[], [], []]))).toStrictEqual([[], [], []])
    expect(readBatch(encodeRows([], 5)).columnCount).toBe(5)
  })

  it('cuts a batch at a row limit', () => {
    expect(
      decodeRows(
        firstRows(
          encodeRows([
            [1, 'a'],
            [2, 'b'],
            [3, 'c'],
          ]),
          2,
        ),
      ),
    ).toStrictEqual([
      [1, 'a'],
      [2, 'b'],
    ])
  })

  it('reads a batch that does not start 8-aligned', () => {
    const batch = encodeRows([[1.5, 'x']])
    const shifted = new Uint8Array(batch.byteLength + 3).subarray(3)
    shifted.set(batch)
    expect(readBatch(shifted).row(0)).toStrictEqual([1.5, 'x'])
  })

  it('refuses a writer misuse with a clear error', () => {
    const writer = new RowBatchWriter(1)
    writer.number(1)
    expect(() => writer.number(2)).toThrow(/more than 1 cells/)
    expect(() => new RowBatchWriter(2).endRow()).toThrow(/has 0 cells, expected 2/)
    expect(() => encodeRows([[{ $: 'bytes', v: 'zz', n: 1 }]])).toThrow(RowBatchError)
  })
})

describe('row batch binary', () => {
  it('reads long binary back as the same lowercase hex', () => {
    const bytes = Array.from({ length: 300 }, (_, i) => (i * 37) & 255)
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
    expect(decodeRows(encodeRows([[{ $: 'bytes', v: hex.toUpperCase(), n: 1000 }]]))).toStrictEqual([
      [{ $: 'bytes', v: hex, n: 1000 }],
    ])
  })
})
