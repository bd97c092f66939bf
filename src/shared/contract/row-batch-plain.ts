import {
  COLUMN_ENTRY_BYTES,
  HEADER_BYTES,
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
  align8,
} from './row-batch'
import { compactSections, textRange } from './row-batch-compact-read'
import { mergedGroups, mergedText } from './row-batch-plain-groups'
import { dictionaryOf, unpackGroups } from './row-batch-packed-read'
import { readBatch } from './row-batch-reader'

/**
 * A batch with its encoded columns (DICT, PACKED; row-batch.ts) laid out in plain kinds, byte for
 * byte: for readers that read every cell in no set order and should not unpack a column per read
 * (the compare worker). A packed column becomes the plain column it holds, a dictionary column
 * TEXT16 / TEXT32 text. The batch is checked first (RowBatchError) and returned as is when it has
 * no encoded column.
 */
export function plainBatch(batch: Uint8Array): Uint8Array {
  const reader = readBatch(batch)
  const rows = reader.rowCount
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
  const entries = Array.from({ length: reader.columnCount }, (_, c) =>
    [0, 4, 8, 12].map((at) => view.getUint32(HEADER_BYTES + c * COLUMN_ENTRY_BYTES + at, true)),
  )
  if (!entries.some(([kind]) => kind === KIND_DICT || kind === KIND_PACKED)) return batch
  const columns = entries.map(([kind, a, b, p]) => sectionsOf(batch, view, kind!, a!, b!, p!, rows))
  let size = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  for (const column of columns) for (const [, bytes] of column.sections) size += align8(bytes.length)
  const out = new Uint8Array(size)
  const outView = new DataView(out.buffer)
  out.set(batch.subarray(0, 12))
  outView.setUint32(12, size, true)
  let pos = HEADER_BYTES + COLUMN_ENTRY_BYTES * columns.length
  columns.forEach(({ kind, width, sections }, c) => {
    const entry = HEADER_BYTES + c * COLUMN_ENTRY_BYTES
    outView.setUint32(entry, kind, true)
    if (kind === KIND_TEXT_FIXED) outView.setUint32(entry + 8, width, true)
    for (const [field, bytes] of sections) {
      outView.setUint32(entry + field * 4, pos, true)
      out.set(bytes, pos)
      pos += align8(bytes.length)
    }
  })
  return out
}

/** A plain column's kind, TEXT_FIXED width, and sections: [directory field (1 a, 2 b, 3 c), bytes]. */
export interface PlainColumn {
  kind: number
  width: number
  sections: [number, Uint8Array][]
}

function sectionsOf(
  bytes: Uint8Array,
  view: DataView,
  kind: number,
  a: number,
  b: number,
  p: number,
  rows: number,
): PlainColumn {
  const at = (offset: number, size: number): Uint8Array => bytes.subarray(offset, offset + size)
  const bits = (rows + 7) >> 3
  const nulls: [number, Uint8Array][] =
    a !== 0 && kind !== KIND_TAGGED && kind !== KIND_PACKED ? [[1, at(a, bits)]] : []
  const plain = (sections: [number, Uint8Array][], width = 0): PlainColumn => ({ kind, width, sections })
  switch (kind) {
    case KIND_NULL:
      return plain([])
    case KIND_F64:
    case KIND_I64:
      return plain([...nulls, [2, at(b, rows * 8)]])
    case KIND_I32:
      return plain([...nulls, [2, at(b, rows * 4)]])
    case KIND_BOOL:
      return plain([...nulls, [2, at(b, bits)]])
    case KIND_TAGGED:
      return plain([
        [1, at(a, rows)],
        [2, at(b, (rows + 1) * 4)],
        [3, at(p, view.getUint32(b + rows * 4, true))],
      ])
    case KIND_TEXT_FIXED:
      return plain([...nulls, [3, at(p, rows * b)]], b)
    case KIND_TEXT16:
    case KIND_TEXT32: {
      const [size] = compactSections(view, kind, b, p, rows)
      return plain([...nulls, [2, at(b, (rows + 1) * (kind === KIND_TEXT32 ? 4 : 2))], [3, at(p, size)]])
    }
    case KIND_PACKED: {
      const groups = unpackGroups(bytes, [a, b, p], rows)
      if (groups.length !== 1) return mergedText(groups, rows) ?? mergedGroups(groups, rows)
      const inner = groups[0]!
      const innerView = new DataView(inner.buffer)
      const entry = (i: number): number => innerView.getUint32(HEADER_BYTES + i * 4, true)
      if (innerView.getUint32(4, true) !== rows || innerView.getUint32(8, true) !== 1)
        throw new RowBatchError(`a packed group does not hold the ${rows} rows of its column`)
      return sectionsOf(inner, innerView, entry(0), entry(1), entry(2), entry(3), rows)
    }
    case KIND_DICT:
      return dictionaryText(bytes, view, nulls, a, b, p, rows)
  }
  throw new RowBatchError(`column kind ${kind} has no plain form`)
}

/** A DICT column as text: each row's dictionary value copied out, TEXT16 offsets when they fit. */
function dictionaryText(
  bytes: Uint8Array,
  view: DataView,
  nulls: [number, Uint8Array][],
  a: number,
  b: number,
  p: number,
  rows: number,
): PlainColumn {
  const dictionary = dictionaryOf(bytes, p)
  const dv = new DataView(dictionary.buffer, dictionary.byteOffset, dictionary.byteLength)
  const count = dv.getUint32(4, true)
  const [kind, db, dp] = [0, 8, 12].map((at) => dv.getUint32(HEADER_BYTES + at, true)) as [number, number, number]
  if (count > 0 && kind !== KIND_TEXT16 && kind !== KIND_TEXT32 && kind !== KIND_TEXT_FIXED)
    throw new RowBatchError(`a dictionary of kind ${kind} is not text`)
  const ranges = new Int32Array(count * 2)
  for (let k = 0; k < count; k++) {
    const [from, to] = textRange(dv, kind, db, k)
    ranges[k * 2] = dp + from
    ranges[k * 2 + 1] = dp + to
  }
  // -1 for a NULL row, else its code (checked against the dictionary).
  const codes = new Int32Array(rows)
  let size = 0
  for (let r = 0; r < rows; r++) {
    if (a !== 0 && (bytes[a + (r >> 3)]! & (1 << (r & 7))) !== 0) {
      codes[r] = -1
      continue
    }
    const code = (codes[r] = bytes[b + r]!)
    if (code >= count) throw new RowBatchError(`code ${code} of row ${r} is past a dictionary of ${count}`)
    size += ranges[code * 2 + 1]! - ranges[code * 2]!
  }
  const wide = size > 0xffff
  const offsets = wide ? new Uint32Array(rows + 1) : new Uint16Array(rows + 1)
  const payload = new Uint8Array(size)
  let used = 0
  for (let r = 0; r < rows; r++) {
    const code = codes[r]!
    // A byte loop: values are short, and a subarray per row costs more than copying it.
    if (code >= 0)
      for (let i = ranges[code * 2]!, end = ranges[code * 2 + 1]!; i < end; i++) payload[used++] = dictionary[i]!
    offsets[r + 1] = used
  }
  const sections: [number, Uint8Array][] = [...nulls, [2, new Uint8Array(offsets.buffer)], [3, payload]]
  return { kind: wide ? KIND_TEXT32 : KIND_TEXT16, width: 0, sections }
}
