import { describe, expect, it } from 'vitest'
import { RowBatchError } from './row-batch'
import type { EncodedRows } from './row-batch'
import { readBatch } from './row-batch-reader'
import { decodeRows, encodeRows } from './row-batch-rows'

const sample = (): Uint8Array =>
  encodeRows([
    [1, 'abc', null, { $: 'bytes', v: '00ff', n: 2 }],
    [null, 3, 2, true],
  ])
/** One column of every compact kind: I32, I64, BOOL, TEXT16, TEXT_FIXED, TEXT32. */
const compact = (): Uint8Array =>
  encodeRows(
    [
      [1, { $: 'int', v: '9223372036854775807' }, true, 'abc', 'xy', 'é'.repeat(40000)],
      [null, -5, null, null, 'zw', ''],
      [3, null, false, 'é', null, null],
    ],
    undefined,
    { encode: false },
  )
const readAll = (bytes: Uint8Array): unknown => decodeRows(bytes as EncodedRows)

describe('row batch reader on malformed input', () => {
  it('names what is wrong with the header', () => {
    expect(() => readAll(new Uint8Array(4))).toThrow(/shorter than a header/)
    const bad = sample()
    bad[0] = 0
    expect(() => readAll(bad)).toThrow(/bad magic/)
    const version = sample()
    version[3] = 9
    expect(() => readAll(version)).toThrow(/version 9/)
    expect(() => readAll(sample().subarray(0, 64))).toThrow(/header says \d+ bytes, got 64/)
  })

  it('refuses sections outside the batch and payload offsets past their section', () => {
    const batch = sample()
    const view = new DataView(batch.buffer)
    view.setUint32(16 + 16 * 1 + 12, batch.byteLength, true) // column 1's payload at the very end
    expect(() => readAll(batch)).toThrow(/column 1: payload section/)
    const offsets = sample()
    const entry = new DataView(offsets.buffer)
    const offsetSection = entry.getUint32(16 + 16 * 1 + 8, true)
    entry.setUint32(offsetSection + 4, 999, true) // row 0 ends past the payload
    expect(() => readBatch(offsets).cell(0, 1)).toThrow(/outside its \d+ bytes/)
  })

  it('refuses compact sections outside the batch and text offsets past their payload', () => {
    expect(readAll(compact())).toHaveLength(3)
    for (let c = 0; c < 6; c++) {
      const batch = compact()
      new DataView(batch.buffer).setUint32(16 + 16 * c + 8, batch.byteLength, true)
      if (c !== 4) expect(() => readAll(batch)).toThrow(new RegExp(`column ${c}: (value|offset|payload) section`))
      else expect(() => readAll(batch)).toThrow(/column 4: payload section/) // TEXT_FIXED: b is the width
    }
    for (const c of [3, 5]) {
      const batch = compact()
      const view = new DataView(batch.buffer)
      const offsets = view.getUint32(16 + 16 * c + 8, true)
      if (c === 3) view.setUint16(offsets + 2, 999, true)
      else view.setUint32(offsets + 4, 2 ** 31, true)
      expect(() => readBatch(batch).cell(0, c)).toThrow(/outside its \d+ bytes/)
    }
  })

  it('refuses unknown tags and kinds, and cells outside the batch', () => {
    const tags = sample()
    const view = new DataView(tags.buffer)
    tags[view.getUint32(16 + 16 * 1 + 4, true)] = 77
    expect(() => readBatch(tags).cell(0, 1)).toThrow(/unknown tag 77/)
    const kind = sample()
    new DataView(kind.buffer).setUint32(16, 99, true)
    expect(() => readAll(kind)).toThrow(/unknown kind 99/)
    expect(() => readBatch(sample()).cell(2, 0)).toThrow(/outside a batch of 2×4/)
  })

  it('only ever throws RowBatchError on random corruption, and never hangs', () => {
    let seed = 7
    const next = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 16777216
    for (let i = 0; i < 4000; i++) {
      const bytes = i % 2 === 0 ? sample() : compact()
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++)
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256)
      try {
        readAll(bytes)
      } catch (error) {
        expect(error).toBeInstanceOf(RowBatchError)
      }
    }
  })
})
