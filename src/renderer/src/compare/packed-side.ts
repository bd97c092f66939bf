import { plainBatch } from '../../../shared/contract/row-batch-plain'
import type { DiffSide } from './result-diff'

/**
 * A side of a diff as it travels to the worker: its batches copied once into one buffer (each at an
 * 8-aligned offset, so none is copied again to be read) that is then transferred, not cloned.
 */
export interface PackedSide {
  bytes: Uint8Array
  /** Batch i is bytes[offsets[2i], offsets[2i] + offsets[2i + 1]). */
  offsets: Uint32Array
  columns: string[]
}

const align8 = (n: number): number => (n + 7) & ~7

/** Packs a side's batches into one transferable buffer (one copy of each batch). */
export function packSide(side: DiffSide): PackedSide {
  let total = 0
  for (const batch of side.batches) total = align8(total) + batch.byteLength
  const bytes = new Uint8Array(align8(total))
  const offsets = new Uint32Array(side.batches.length * 2)
  let at = 0
  side.batches.forEach((batch, i) => {
    at = align8(at)
    bytes.set(batch, at)
    offsets[i * 2] = at
    offsets[i * 2 + 1] = batch.byteLength
    at += batch.byteLength
  })
  return { bytes, offsets, columns: side.columns }
}

/**
 * The side's batches as views into the packed buffer (no copy), but for batches with encoded
 * columns (dictionary, packed), laid out plain here in the worker: the diff reads cells in key
 * order, which a packed column would have to unpack again and again (row-batch-plain.ts). A batch
 * that does not read is passed on as it is, for the diff to report.
 */
export function unpackSide(packed: PackedSide): DiffSide {
  const { bytes, offsets } = packed
  const batches: Uint8Array[] = []
  for (let i = 0; i < offsets.length; i += 2) {
    const batch = bytes.subarray(offsets[i]!, offsets[i]! + offsets[i + 1]!)
    try {
      batches.push(plainBatch(batch))
    } catch {
      batches.push(batch)
    }
  }
  return { batches, columns: packed.columns }
}

/** The buffers postMessage transfers for a packed side. */
export const transferOf = (side: PackedSide): ArrayBuffer[] => [
  side.bytes.buffer as ArrayBuffer,
  side.offsets.buffer as ArrayBuffer,
]
