import { describe, expect, it } from 'vitest'
import { decodeRows, encodeRows } from '../../../shared/contract/row-batch-rows'
import type { EncodedRows } from '../../../shared/contract/row-batch'
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
})
