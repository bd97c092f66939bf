import { describe, expect, it } from 'vitest'
import {
  KIND_DICT,
  KIND_PACKED,
  KIND_TAGGED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  RowBatchError,
} from './row-batch'
import type { EncodedRows } from './row-batch'
import { BatchCells, CellScratch } from './row-batch-cell-bytes'
import { UNPACKED_BUDGET, unpackedBytesHeld } from './row-batch-packed-read'
import { PACK_GROUP_ROWS } from './row-batch-packing'
import { plainBatch } from './row-batch-plain'
import { readBatch } from './row-batch-reader'
import { decodeRows, encodeRows, firstRows } from './row-batch-rows'
import type { WireValue } from './values'

const kindsOf = (batch: Uint8Array): number[] => {
  const view = new DataView(batch.buffer, batch.byteOffset)
  return Array.from({ length: view.getUint32(8, true) }, (_, c) => view.getUint32(16 + c * 16, true))
}

const SOURCES = ['web', 'ios', 'android', '', 'naïve café', '日本語 😀']
const WORDS = ['the', 'order', 'shipped', 'late', 'ünïcode', '—', 'again', 'customer', 'asked', 'refund']

/** Rows like a clickstream: a few distinct sources (NULL and '' both), sentences, JSON, numbers, bytes. */
function eventRows(count: number, from = 0): WireValue[][] {
  return Array.from({ length: count }, (_, k): WireValue[] => {
    const i = from + k
    const words = Array.from({ length: 12 + (i % 9) }, (_, w) => WORDS[(i * 7 + w * 3) % WORDS.length]).join(' ')
    return [
      i,
      i % 11 === 0 ? null : SOURCES[i % SOURCES.length]!,
      `${words} #${i}.`,
      i % 13 === 0 ? null : JSON.stringify({ cart: i % 17, tags: [`a${i % 5}`], price: (i % 1000) / 10 }),
      i % 3 === 0 ? { $: 'int', v: `${9223372036854775807n - BigInt(i)}` } : i * 1000,
      { $: 'bytes', v: ((i * 2654435761) >>> 0).toString(16).padStart(8, '0'), n: 4 },
      i / 3,
    ]
  })
}

const same = (batch: EncodedRows, rows: WireValue[][]): void => {
  expect(decodeRows(batch)).toStrictEqual(rows)
  const reader = readBatch(batch)
  for (let r = 0; r < rows.length; r += 97)
    for (let c = 0; c < reader.columnCount; c++) expect(reader.cell(r, c)).toStrictEqual(rows[r]![c])
}

describe('encoded column kinds (DICT, PACKED)', () => {
  it('writes few distinct texts as a dictionary and long and mixed text packed, exactly', () => {
    const rows = eventRows(3000)
    const batch = encodeRows(rows)
    const plain = encodeRows(rows, undefined, { encode: false })
    const kinds = kindsOf(batch)
    expect(kinds[1]).toBe(KIND_DICT)
    expect(kinds[2]).toBe(KIND_PACKED)
    expect(kinds[3]).toBe(KIND_PACKED)
    expect(batch.byteLength).toBeLessThan(plain.byteLength / 3)
    same(batch, rows)
    // NULL and '' stay apart in the dictionary column.
    expect(readBatch(batch).cell(0, 1)).toBeNull()
    expect(readBatch(batch).cell(3, 1)).toBe('')
  })

  it('keeps plain what does not pay: few rows, incompressible bytes, many distinct short texts', () => {
    const few = encodeRows(eventRows(10))
    expect(kindsOf(few)).not.toContain(KIND_DICT)
    expect(kindsOf(few)).not.toContain(KIND_PACKED)
    const noise = Array.from({ length: 4000 }, (_, i): WireValue[] => [
      // 32 bytes of hash per row: the payload outweighs what tags and offsets would save.
      {
        $: 'bytes',
        v: Array.from({ length: 8 }, (_, w) =>
          (Math.imul(Math.imul(i * 8 + w, 2654435761) ^ 0x9e3779b9, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0'),
        ).join(''),
        n: 32,
      },
      Math.sin(i) * 1e9,
    ])
    const kinds = kindsOf(encodeRows(noise))
    expect(kinds[0]).toBe(KIND_TAGGED)
    // Numbers stay plain even when they would pack (ids of one range, one repeated double): packing them cost more than it saved.
    const numbers = kindsOf(encodeRows(Array.from({ length: 4000 }, (_, i): WireValue[] => [2 ** 40 + (i % 3), 0.5])))
    expect(numbers).not.toContain(KIND_PACKED)
    const distinct = Array.from({ length: 4000 }, (_, i): WireValue[] => [`${(i * 2654435761) >>> 0}`.slice(0, 6)])
    expect([KIND_TEXT16, KIND_TEXT_FIXED, KIND_PACKED]).toContain(kindsOf(encodeRows(distinct))[0])
  })

  it('round-trips huge, non-ASCII and lone-surrogate values through packed columns', () => {
    const huge = 'ü日'.repeat(300_000)
    const rows: WireValue[][] = [
      [huge, 'a\uD800b'],
      ['', null],
      [null, '😀'.repeat(5000)],
      ...Array.from({ length: 100 }, (_, i): WireValue[] => [`${i} ${huge.slice(0, 3000)}`, `\uDC00${i}`]),
    ]
    const batch = encodeRows(rows)
    expect(kindsOf(batch)[0]).toBe(KIND_PACKED)
    expect(kindsOf(batch)[1]).toBe(KIND_PACKED) // TAGGED (UTF-16 cells) packed
    same(batch, rows)
    expect(firstRows(batch, 2).byteLength).toBeLessThan(batch.byteLength)
    expect(decodeRows(firstRows(batch, 3))).toStrictEqual(rows.slice(0, 3))
  })

  it('compares cells canonically across plain and encoded batches (the diff sees the same values)', () => {
    const rows = eventRows(2500, 40)
    const encoded = new BatchCells(encodeRows(rows))
    const plain = new BatchCells(encodeRows(rows, undefined, { encode: false }))
    const shifted = new BatchCells(encodeRows(eventRows(2500, 41)))
    const scratch = new CellScratch()
    for (let r = 0; r < rows.length; r += 7) {
      for (let c = 0; c < rows[0]!.length; c++) {
        const x = new Uint8Array(encoded.cellSize(r, c))
        const y = new Uint8Array(plain.cellSize(r, c))
        const end = encoded.write(r, c, x, 0)
        expect(x.subarray(0, end)).toEqual(y.subarray(0, plain.write(r, c, y, 0)))
        expect(encoded.same(r, c, plain, r, c, scratch)).toBe(true)
        expect(plain.same(r, c, encoded, r, c, scratch)).toBe(true)
        if (r + 1 < rows.length) expect(shifted.same(r, c, encoded, r + 1, c, scratch)).toBe(true)
      }
    }
    // NULL and '' differ in a dictionary column.
    expect(encoded.same(0, 1, encoded, 3, 1, scratch)).toBe(false)
  })

  it('lays encoded columns out plain, byte-exact, for readers in no set order (the diff worker)', () => {
    const rows = eventRows(3000, 7)
    rows.forEach((row, i) => row.push(i % 2 === 0 ? null : 'ab', null, 'same width ' + (i % 3)))
    // Two more dictionary columns: one value among NULLs, and values of one width (TEXT_FIXED dictionary).
    const batch = encodeRows(rows)
    expect(kindsOf(batch)).toContain(KIND_DICT)
    expect(kindsOf(batch)).toContain(KIND_PACKED)
    const plain = plainBatch(batch)
    expect(kindsOf(plain)).not.toContain(KIND_DICT)
    expect(kindsOf(plain)).not.toContain(KIND_PACKED)
    // A packed text column's groups become one TEXT32 column (its NULLs in a bitmap): compared in place.
    expect(kindsOf(batch)[3]).toBe(KIND_PACKED)
    expect(kindsOf(plain)[3]).toBe(KIND_TEXT32)
    expect(decodeRows(plain as EncodedRows)).toStrictEqual(rows)
    const reference = encodeRows(rows, undefined, { encode: false })
    expect(plainBatch(reference)).toBe(reference)
    // The same kinds as the plain writer's but for dictionary text (TEXT16 / TEXT32 offsets).
    const cells = new BatchCells(plain)
    const expected = new BatchCells(reference)
    const scratch = new CellScratch()
    for (let r = 0; r < rows.length; r += 3)
      for (let c = 0; c < rows[0]!.length; c++) expect(cells.same(r, c, expected, r, c, scratch)).toBe(true)
    const allNull = encodeRows(Array.from({ length: 4000 }, (): WireValue[] => [null, 'x']).concat([['y', 'x']]))
    expect(decodeRows(plainBatch(allNull) as EncodedRows)).toStrictEqual(decodeRows(allNull))
  })

  it('keeps the unpacked columns it holds within its budget, however many batches are read', () => {
    const batches = Array.from({ length: 12 }, (_, b) => encodeRows(eventRows(5000, b * 5000)))
    for (const batch of batches) {
      const reader = readBatch(batch)
      for (let r = 0; r < reader.rowCount; r += 499) reader.row(r)
      expect(unpackedBytesHeld()).toBeLessThanOrEqual(UNPACKED_BUDGET)
    }
    expect(unpackedBytesHeld()).toBeGreaterThan(UNPACKED_BUDGET / 2)
  })

  it('reads one cell of a packed column by unpacking its group of rows, not the column (a sorted view)', () => {
    const rows = eventRows(3000)
    const batch = encodeRows(rows)
    expect(kindsOf(batch)[2]).toBe(KIND_PACKED)
    const view = new DataView(batch.buffer)
    const section = view.getUint32(16 + 32 + 12, true)
    const unpacked = view.getUint32(16 + 32 + 8, true)
    expect(view.getUint32(section, true)).toBe(PACK_GROUP_ROWS)
    expect(view.getUint32(section + 4, true)).toBe(Math.ceil(3000 / PACK_GROUP_ROWS))
    const reader = readBatch(batch)
    const before = unpackedBytesHeld()
    expect(reader.cell(2999, 2)).toBe(rows[2999]![2])
    const held = unpackedBytesHeld() - before
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThan(unpacked / 8)
    // The compare's cell reader unpacks groups too, and every row reads back exactly.
    const cells = new BatchCells(batch)
    const reference = new BatchCells(encodeRows(rows, undefined, { encode: false }))
    const scratch = new CellScratch()
    for (let r = 0; r < rows.length; r += 7) expect(cells.same(r, 2, reference, r, 2, scratch)).toBe(true)
    expect(reader.column(2)).toStrictEqual(rows.map((row) => row[2]))
  })

  it('refuses packed group tables that do not add up, with RowBatchError', () => {
    const good = encodeRows(eventRows(1000))
    const section = new DataView(good.buffer).getUint32(16 + 32 + 12, true)
    const broken = (at: number, value: number): Uint8Array => {
      const bytes = good.slice()
      new DataView(bytes.buffer).setUint32(section + at, value, true)
      return bytes
    }
    expect(() => readBatch(broken(0, 0)).cell(0, 2)).toThrow(/groups of 0/)
    expect(() => readBatch(broken(4, 9)).cell(0, 2)).toThrow(/claims 9 groups/)
    expect(() => readBatch(broken(8, 0x7fffff)).cell(0, 2)).toThrow(/past its column/)
    expect(() => readBatch(broken(12, 5)).cell(0, 2)).toThrow(/groups hold/)
    expect(() => new BatchCells(broken(4, 9)).cellSize(0, 2)).toThrow(RowBatchError)
    expect(() => plainBatch(broken(12, 5))).toThrow(RowBatchError)
  })

  it('refuses malformed encoded columns with RowBatchError only', () => {
    const rows = eventRows(600)
    const good = encodeRows(rows)
    const view = new DataView(good.buffer)
    const codes = view.getUint32(16 + 16 + 8, true)
    const badCode = good.slice()
    badCode[codes + 1] = 200 // past a dictionary of 6
    expect(() => readBatch(badCode).cell(1, 1)).toThrow(/past a dictionary/)
    expect(() => new BatchCells(badCode).cellSize(1, 1)).toThrow(/past its dictionary/)
    const claim = good.slice()
    new DataView(claim.buffer).setUint32(16 + 32 + 8, 0x7fffffff, true) // column 2's unpacked size
    expect(() => readBatch(claim)).toThrow(/claims/)
    let seed = 5
    const next = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 16777216
    for (let i = 0; i < 1500; i++) {
      const bytes = good.slice()
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++)
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256)
      for (const read of [
        () => decodeRows(bytes as EncodedRows),
        () => plainBatch(bytes),
        () => {
          const cells = new BatchCells(bytes)
          for (let r = 0; r < cells.rowCount; r += 37) cells.cellSize(r, 2)
        },
      ])
        try {
          read()
        } catch (error) {
          expect(error).toBeInstanceOf(RowBatchError)
        }
    }
    expect(decodeRows(good)).toStrictEqual(rows)
  })
})
