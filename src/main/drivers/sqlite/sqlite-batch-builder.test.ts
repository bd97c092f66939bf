import { describe, expect, it } from 'vitest'
import { KIND_F64, KIND_NULL, KIND_TAGGED } from '../../../shared/contract/row-batch'
import { readBatch } from '../../../shared/contract/row-batch-reader'
import { RowBatchWriter } from '../../../shared/contract/row-batch-writer'
import type { WireValue } from '../../../shared/contract/values'
import { SqliteBatchBuilder } from './sqlite-batch-builder'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** The wire form of one SQLite cell, cell by cell (the reference the column encoder must match byte for byte). */
function referenceCell(out: RowBatchWriter, cell: unknown): void {
  if (cell === null) return out.null()
  if (typeof cell === 'bigint')
    return cell >= -MAX_SAFE && cell <= MAX_SAFE ? out.number(Number(cell)) : out.intText(cell.toString())
  if (typeof cell === 'number') return Number.isFinite(cell) ? out.number(cell) : out.floatText(String(cell))
  if (typeof cell === 'string') return out.text(cell)
  if (Buffer.isBuffer(cell)) return out.bytes(cell, 0, cell.length)
  throw new TypeError(`not a SQLite cell: ${String(cell)}`)
}

function reference(rows: readonly (readonly unknown[])[], columns: number): Uint8Array {
  const writer = new RowBatchWriter(columns)
  for (const row of rows) {
    for (const cell of row) referenceCell(writer, cell)
    writer.endRow()
  }
  return writer.finish()
}

function build(rows: readonly (readonly unknown[])[], columns: number, builder = new SqliteBatchBuilder(columns)) {
  for (const row of rows) builder.add(row)
  return builder.finish()
}

/** One column of cells as rows. */
const column = (cells: readonly unknown[]): unknown[][] => cells.map((cell) => [cell])
const cells = (batch: Uint8Array): WireValue[] => {
  const reader = readBatch(batch)
  return Array.from({ length: reader.rowCount }, (_, r) => reader.cell(r, 0))
}
/** Byte-for-byte equality (expect's deep equality is slow on megabytes). */
const expectSame = (actual: Uint8Array, expected: Uint8Array): void => {
  expect(actual.length).toBe(expected.length)
  expect(Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected)).toBe(true)
}
const kindOf = (batch: Uint8Array, c = 0): number => new DataView(batch.buffer).getUint32(16 + 16 * c, true)

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i))

describe('SQLite batch builder', () => {
  it('keeps 64-bit integers exact: numbers within ±(2^53−1), digits beyond', () => {
    const ints = [0n, 1n, -1n, MAX_SAFE, -MAX_SAFE, MAX_SAFE + 1n, -MAX_SAFE - 1n, 2n ** 63n - 1n, -(2n ** 63n)]
    const batch = build(column(ints), 1)
    expect(cells(batch)).toEqual([
      0,
      1,
      -1,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
      { $: 'int', v: '9007199254740992' },
      { $: 'int', v: '-9007199254740992' },
      { $: 'int', v: '9223372036854775807' },
      { $: 'int', v: '-9223372036854775808' },
    ])
    expectSame(batch, reference(column(ints), 1))
    // Only safe integers (and nulls): a plain float64 column with a null bitmap.
    const safe = build(column([5n, null, -MAX_SAFE]), 1)
    expect(kindOf(safe)).toBe(KIND_F64)
    expect(cells(safe)).toEqual([5, null, -(2 ** 53 - 1)])
  })

  it('keeps REALs exact: -0, the extremes, and non-finite values as the float tag', () => {
    const reals = [-0, 0.1, 5e-324, 1.7976931348623157e308, -1e-300, 1 / 3]
    const f64 = build(column(reals), 1)
    expect(kindOf(f64)).toBe(KIND_F64)
    expect(Object.is(cells(f64)[0], -0)).toBe(true)
    expect(cells(f64)).toEqual(reals)
    const odd = [1.5, Infinity, -Infinity, Number.NaN, null]
    expect(cells(build(column(odd), 1))).toEqual([
      1.5,
      { $: 'float', v: 'Infinity' },
      { $: 'float', v: '-Infinity' },
      { $: 'float', v: 'NaN' },
      null,
    ])
    expectSame(build(column(odd), 1), reference(column(odd), 1))
  })

  it("tells '' from NULL, and all-NULL columns carry no sections", () => {
    expect(cells(build(column(['', null, '', 'x']), 1))).toEqual(['', null, '', 'x'])
    const nulls = build(column([null, null, null]), 1)
    expect(kindOf(nulls)).toBe(KIND_NULL)
    expect(cells(nulls)).toEqual([null, null, null])
  })

  it('carries text exactly: ASCII, non-ASCII, emoji, NUL, lone surrogates, long text', () => {
    const texts = [
      'plain',
      'é ü 漢字',
      '😀 emoji',
      '\u0000nul',
      '\ud800',
      'a\udc00b',
      'x'.repeat(30) + '\ud83d',
      'ü'.repeat(100),
      '😀'.repeat(50),
      'short',
    ]
    for (const list of [texts, texts.slice(0, 1).concat(texts.slice(7)), ['\ud83d', '\ude00']]) {
      const batch = build(column(list), 1)
      expect(cells(batch)).toEqual(list)
      expectSame(batch, reference(column(list), 1))
    }
    // A high surrogate ending one cell and a low one starting the next stay two lone surrogates.
    expect(cells(build(column(['a\ud83d', '\ude00b']), 1))).toEqual(['a\ud83d', '\ude00b'])
  })

  it('carries BLOBs as their raw bytes: all 256 values, empty, and large', () => {
    const large = Buffer.alloc(1 << 18, 0xab)
    const blobs = [ALL_BYTES, Buffer.alloc(0), null, large]
    const batch = build(column(blobs), 1)
    expect(cells(batch)).toEqual([
      { $: 'bytes', v: ALL_BYTES.toString('hex'), n: 256 },
      { $: 'bytes', v: '', n: 0 },
      null,
      { $: 'bytes', v: large.toString('hex'), n: 1 << 18 },
    ])
    expectSame(batch, reference(column(blobs), 1))
  })

  it('holds any mix in one column (SQLite types values, not columns)', () => {
    const mixed = [1n, 2.5, 'text', ALL_BYTES, null, MAX_SAFE + 2n, 'é', -0, Infinity]
    for (const list of [mixed, [...mixed].reverse(), ['a', 1n], [1n, 'a'], [null, ALL_BYTES, 'a']]) {
      expectSame(build(column(list), 1), reference(column(list), 1))
    }
    expect(kindOf(build(column(mixed), 1))).toBe(KIND_TAGGED)
  })

  it('builds batch after batch with reused buffers and nothing left over from the last', () => {
    const builder = new SqliteBatchBuilder(3)
    const big = Array.from({ length: 3000 }, (_, i) => [
      BigInt(i),
      `row ${i} ${'ü'.repeat(i % 7)}`,
      i % 3 ? null : i / 7,
    ])
    const small = [
      [1n, null, 2],
      ['x', 'y', null],
    ]
    const firstBig = build(big, 3, builder)
    expectSame(firstBig, reference(big, 3))
    expectSame(build(small, 3, builder), reference(small, 3))
    expectSame(build(big.slice(0, 10), 3, builder), reference(big.slice(0, 10), 3))
    expectSame(build([], 3, builder), reference([], 3))
    // The first batch is its own buffer: later batches do not change it.
    expect(readBatch(firstBig).row(2999)).toEqual([2999, `row 2999 ${'ü'.repeat(2999 % 7)}`, null])
  })

  it('matches the cell-by-cell writer on random rows of every cell kind', () => {
    let seed = 7
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pool: unknown[] = [
      null,
      0n,
      -MAX_SAFE - 1n,
      2n ** 63n - 1n,
      1.25,
      -0,
      Infinity,
      '',
      'ascii',
      'ñ',
      '\udfff',
      '😀',
      ALL_BYTES,
      Buffer.alloc(0),
    ]
    for (let round = 0; round < 50; round++) {
      const columns = 1 + Math.floor(next() * 5)
      // Some columns keep one kind (the fast loops), some mix (the tagged one).
      const kinds = Array.from({ length: columns }, () => (next() < 0.5 ? Math.floor(next() * pool.length) : -1))
      const rows = Array.from({ length: Math.floor(next() * 200) }, () =>
        kinds.map((kind) => (kind >= 0 && next() < 0.9 ? pool[kind] : pool[Math.floor(next() * pool.length)])),
      )
      expectSame(build(rows, columns), reference(rows, columns))
    }
  })
})
