import {
  HEADER_BYTES,
  KIND_NULL,
  KIND_TAGGED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  RowBatchError,
} from './row-batch'
import { BatchCells } from './row-batch-cell-bytes'
import { compactSections, textRange } from './row-batch-compact-read'
import type { PlainColumn } from './row-batch-plain'
import { readBatch } from './row-batch-reader'

/** A packed column's row groups (format 4) laid out as one plain column, for row-batch-plain.ts. */

/**
 * A packed text column's groups (each TEXT16, TEXT32, TEXT_FIXED or all NULL) laid out as one TEXT32
 * column, so the diff compares its cells in place; null when a group holds another kind.
 */
export function mergedText(groups: Uint8Array[], rows: number): PlainColumn | null {
  const opened = groups.map((group) => {
    const reader = readBatch(group)
    const view = new DataView(group.buffer, group.byteOffset, group.byteLength)
    const [kind, a, b, p] = [0, 4, 8, 12].map((at) => view.getUint32(HEADER_BYTES + at, true)) as [
      number,
      number,
      number,
      number,
    ]
    return { group, view, rows: reader.rowCount, columns: reader.columnCount, kind, a, b, p }
  })
  const text = (kind: number) => kind === KIND_TEXT16 || kind === KIND_TEXT32 || kind === KIND_TEXT_FIXED
  if (opened.some((o) => o.columns !== 1 || !(text(o.kind) || o.kind === KIND_NULL))) return null
  if (opened.reduce((sum, o) => sum + o.rows, 0) !== rows)
    throw new RowBatchError(`packed groups do not hold the ${rows} rows of their column`)
  const isNull = (o: (typeof opened)[number], r: number): boolean =>
    o.kind === KIND_NULL || (o.a !== 0 && (o.group[o.a + (r >> 3)]! & (1 << (r & 7))) !== 0)
  const ranges = opened.map((o) => {
    if (o.kind === KIND_NULL) return null
    const [size] = compactSections(o.view, o.kind, o.b, o.p, o.rows)
    return (r: number): [number, number] => {
      const [from, to] = textRange(o.view, o.kind, o.b, r)
      if (!(from <= to && to <= size)) throw new RowBatchError(`row ${r} of a packed group is outside its text`)
      return [o.p + from, o.p + to]
    }
  })
  let size = 0
  let nulls = false
  opened.forEach((o, g) => {
    for (let r = 0; r < o.rows; r++) {
      if (isNull(o, r)) nulls = true
      else {
        const [from, to] = ranges[g]!(r)
        size += to - from
      }
    }
  })
  const bits = new Uint8Array((rows + 7) >> 3)
  const offsets = new Uint32Array(rows + 1)
  const payload = new Uint8Array(size)
  let row = 0
  let used = 0
  opened.forEach((o, g) => {
    for (let r = 0; r < o.rows; r++, row++) {
      if (isNull(o, r)) bits[row >> 3]! |= 1 << (row & 7)
      else {
        const [from, to] = ranges[g]!(r)
        payload.set(o.group.subarray(from, to), used)
        used += to - from
      }
      offsets[row + 1] = used
    }
  })
  const sections: [number, Uint8Array][] = [
    ...(nulls ? [[1, bits] as [number, Uint8Array]] : []),
    [2, new Uint8Array(offsets.buffer)],
    [3, payload],
  ]
  return { kind: KIND_TEXT32, width: 0, sections }
}

/** A packed column's groups laid out as one TAGGED column: each cell's canonical bytes are its tag and payload. */
export function mergedGroups(groups: Uint8Array[], rows: number): PlainColumn {
  const parts = groups.map((group) => new BatchCells(group))
  let total = 0
  let count = 0
  for (const part of parts) {
    if (part.columnCount !== 1) throw new RowBatchError(`a packed group of ${part.columnCount} columns`)
    for (let r = 0; r < part.rowCount; r++) {
      const size = part.cellSize(r, 0)
      if (!(size >= 1)) throw new RowBatchError(`row ${r} of a packed group has a payload of ${size - 1} bytes`)
      total += size
    }
    count += part.rowCount
  }
  if (count !== rows) throw new RowBatchError(`packed groups hold ${count} rows where ${rows} belong`)
  const all = new Uint8Array(total)
  const tags = new Uint8Array(rows)
  const offsets = new Uint32Array(rows + 1)
  const payload = new Uint8Array(total - rows)
  let row = 0
  let used = 0
  for (const part of parts)
    for (let r = 0; r < part.rowCount; r++, row++) {
      const end = part.write(r, 0, all, 0)
      tags[row] = all[0]!
      for (let i = 1; i < end; i++) payload[used++] = all[i]!
      offsets[row + 1] = used
    }
  const sections: [number, Uint8Array][] = [
    [1, tags],
    [2, new Uint8Array(offsets.buffer)],
    [3, payload],
  ]
  return { kind: KIND_TAGGED, width: 0, sections }
}
