import {
  KIND_BOOL,
  KIND_DICT,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  KIND_NULL,
  KIND_PACKED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  TAG_NULL,
  align8,
} from './row-batch'
import type { TaggedColumn } from './row-batch-compact'
import { writeTagNulls } from './row-batch-compact'
import { compressBlock } from './lz-block'

/**
 * Choosing and writing a column's encoded kind (KIND_DICT, KIND_PACKED; layout in row-batch.ts)
 * once its plain kind is known. An encoding is used only when it saves at least an eighth of the
 * plain bytes; it reads back exactly the cells of the plain kind (the plain column is what it holds).
 */

/** A column laid out in an encoded kind: its size and how to write it. */
export interface EncodedColumn {
  readonly kind: number
  readonly byteLength: number
  writeTo(out: Uint8Array, view: DataView, entry: number, pos: number): number
}

/** Columns smaller than this stay plain (too little to save for the work). */
export const PACK_MIN_BYTES = 2048
/** Dictionary columns need this many rows (a code per row must beat the text it stands for). */
const DICT_MIN_ROWS = 32
const DICT_MAX = 256

/** What the packer needs of a column: its plain layout and, for text, its cells. */
export interface PlainColumn {
  readonly kind: number
  readonly nulls: boolean
  readonly byteLength: number
  readonly tagged: TaggedColumn
  /** A one-column batch of plain text: row k is the cell bytes entries[2k], entries[2k+1]) of the payload. */
  dictionaryBatch(entries: Int32Array, count: number): Uint8Array
  /** Rows [from, to) of the column alone as a one-column batch of a plain kind (chosen for those rows). */
  groupBatch(from: number, to: number): Uint8Array
}

/**
 * Rows per packed group: a packed column is compressed in groups of this many rows, so reading one
 * cell unpacks its group, not the column (a sorted view reads rows of many batches at random).
 */
export const PACK_GROUP_ROWS = 256

/** The column's encoded layout when one pays off, else null (it stays plain). */
export function encodeColumn(column: PlainColumn): EncodedColumn | null {
  const { kind, byteLength } = column
  if (kind === KIND_NULL || kind === KIND_BOOL || byteLength < PACK_MIN_BYTES) return null
  const budget = byteLength - (byteLength >> 3)
  // Text and mixed cells only: numbers pack little for the time (a 10-column numeric table's main
  // pipeline went from 1.03x to 0.56x of the raw driver packing every column) and hold 8 bytes a cell.
  if (kind === KIND_F64 || kind === KIND_I32 || kind === KIND_I64) return null
  if (kind === KIND_TEXT16 || kind === KIND_TEXT32 || kind === KIND_TEXT_FIXED) {
    const dict = dictionary(column, budget)
    if (dict) return dict
  }
  return packedColumn(column, budget)
}

/**
 * The PACKED layout (row-batch.ts): the column's rows in groups of PACK_GROUP_ROWS, each group a
 * one-column plain batch compressed on its own; null when the whole would not fit the budget, or
 * the first group saves under a sixteenth (random bytes: give up before compressing the rest).
 */
function packedColumn(column: PlainColumn, budget: number): EncodedColumn | null {
  const rows = column.tagged.rows
  const count = Math.ceil(rows / PACK_GROUP_ROWS)
  const table = align8(8 + count * 8)
  const groups: Uint8Array[] = []
  const sizes = new Uint32Array(count * 2)
  let total = table
  let unpacked = 0
  for (let g = 0; g < count; g++) {
    const plain = column.groupBatch(g * PACK_GROUP_ROWS, Math.min(rows, (g + 1) * PACK_GROUP_ROWS))
    const limit = g === 0 ? Math.min(budget - total, plain.length - (plain.length >> 4)) : budget - total
    const packed = compressBlock(plain, 0, plain.length, limit)
    if (!packed) return null
    groups.push(packed)
    sizes[g * 2] = packed.length
    sizes[g * 2 + 1] = plain.length
    total += packed.length
    unpacked += plain.length
  }
  return {
    kind: KIND_PACKED,
    byteLength: align8(total),
    writeTo(out, view, entry, pos) {
      view.setUint32(entry, KIND_PACKED, true)
      view.setUint32(entry + 4, total, true)
      view.setUint32(entry + 8, unpacked, true)
      view.setUint32(entry + 12, pos, true)
      view.setUint32(pos, PACK_GROUP_ROWS, true)
      view.setUint32(pos + 4, count, true)
      for (let i = 0; i < count * 2; i++) view.setUint32(pos + 8 + i * 4, sizes[i]!, true)
      let at = pos + table
      for (const group of groups) {
        out.set(group, at)
        at += group.length
      }
      return pos + align8(total)
    },
  }
}

const slots = new Int32Array(1024)
const entries = new Int32Array(DICT_MAX * 2)
const FNV = 0x811c9dc5

/** The DICT layout of a text column, or null when it has too many distinct values or saves too little. */
function dictionary(column: PlainColumn, budget: number): EncodedColumn | null {
  const { tags, offsets, payload, rows } = column.tagged
  if (rows < DICT_MIN_ROWS) return null
  // Past rows/4 distinct values a dictionary rarely pays; give up early rather than hash every cell.
  const most = Math.min(DICT_MAX, rows >> 2)
  const codes = new Uint8Array(rows)
  slots.fill(0)
  let count = 0
  for (let r = 0; r < rows; r++) {
    if (tags[r] === TAG_NULL) continue
    const from = offsets[r]!
    const to = offsets[r + 1]!
    let h = FNV
    for (let i = from; i < to; i++) h = Math.imul(h ^ payload[i]!, 0x01000193)
    let slot = (h ^ (h >>> 10)) & 1023
    for (;;) {
      const k = slots[slot]! - 1
      if (k < 0) {
        if (count === most) return null
        entries[count * 2] = from
        entries[count * 2 + 1] = to
        slots[slot] = ++count
        codes[r] = count - 1
        break
      }
      if (sameBytes(payload, entries[k * 2]!, entries[k * 2 + 1]!, from, to)) {
        codes[r] = k
        break
      }
      slot = (slot + 1) & 1023
    }
  }
  const values = column.dictionaryBatch(entries, count)
  const bits = column.nulls ? align8((rows + 7) >> 3) : 0
  const byteLength = bits + align8(rows) + values.length
  if (byteLength > budget) return null
  return {
    kind: KIND_DICT,
    byteLength,
    writeTo(out, view, entry, pos) {
      view.setUint32(entry, KIND_DICT, true)
      if (bits) {
        view.setUint32(entry + 4, pos, true)
        writeTagNulls(tags, rows, out, pos)
        pos += bits
      }
      view.setUint32(entry + 8, pos, true)
      out.set(codes, pos)
      pos += align8(rows)
      view.setUint32(entry + 12, pos, true)
      out.set(values, pos)
      return pos + values.length
    },
  }
}

function sameBytes(bytes: Uint8Array, from: number, to: number, otherFrom: number, otherTo: number): boolean {
  if (to - from !== otherTo - otherFrom) return false
  for (let i = 0; i < to - from; i++) if (bytes[from + i] !== bytes[otherFrom + i]) return false
  return true
}
