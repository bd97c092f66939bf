import { describe, expect, it } from 'vitest'
import { decodeRows, encodeRows } from '../../../shared/contract/row-batch-rows'
import { KIND_DICT, KIND_PACKED, type EncodedRows } from '../../../shared/contract/row-batch'
import { packSide, unpackSide } from './packed-side'

describe('packed side', () => {
  it('carries every batch exactly, each 8-aligned in one buffer', () => {
    const batches = [
      encodeRows([[1, 'a']]),
      encodeRows([
        [2, 'bcd'],
        [3, null],
      ]),
      encodeRows([]),
    ]
    const packed = packSide({ batches, columns: ['id', 'v'] })
    const side = unpackSide(packed)
    expect(side.columns).toEqual(['id', 'v'])
    expect(side.batches.map((batch) => decodeRows(batch as EncodedRows))).toEqual(batches.map((b) => decodeRows(b)))
    for (const batch of side.batches) {
      expect(batch.buffer).toBe(packed.bytes.buffer)
      expect(batch.byteOffset % 8).toBe(0)
    }
  })

  it('lays batches with encoded columns out plain in the worker, with the same cells', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      i,
      ['web', 'ios', ''][i % 3]!,
      `note ${i} `.repeat(1 + (i % 5)),
    ])
    const encoded = encodeRows(rows)
    const kinds = (batch: Uint8Array): number[] =>
      [0, 1, 2].map((c) => new DataView(batch.buffer, batch.byteOffset).getUint32(16 + c * 16, true))
    expect(kinds(encoded)).toContain(KIND_DICT)
    const side = unpackSide(packSide({ batches: [encoded], columns: ['id', 'source', 'note'] }))
    expect(kinds(side.batches[0]!)).not.toContain(KIND_DICT)
    expect(kinds(side.batches[0]!)).not.toContain(KIND_PACKED)
    expect(decodeRows(side.batches[0] as EncodedRows)).toStrictEqual(rows)
  })
})
