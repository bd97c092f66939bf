import { KIND_BOOL, KIND_I32, KIND_I64, KIND_TEXT16, KIND_TEXT32, RowBatchError } from './row-batch'
import { readUtf8 } from './row-batch-text'
import type { WireValue } from './values'

/**
 * Reads one cell of a compact column (layout in row-batch.ts). `a` null bitmap (0: none), `b`
 * values / offsets / fixed width, `p` payload start, `size` payload bytes; sections already checked
 * to lie inside the batch.
 */
export function compactCell(
  bytes: Uint8Array,
  view: DataView,
  kind: number,
  [a, b, p, size]: readonly [number, number, number, number],
  row: number,
  col: number,
): WireValue {
  if (a !== 0 && (bytes[a + (row >> 3)]! & (1 << (row & 7))) !== 0) return null
  switch (kind) {
    case KIND_I32:
      return view.getInt32(b + row * 4, true)
    case KIND_I64: {
      const n = view.getInt32(b + row * 8 + 4, true) * 4294967296 + view.getUint32(b + row * 8, true)
      return Number.isSafeInteger(n) ? n : { $: 'int', v: view.getBigInt64(b + row * 8, true).toString() }
    }
    case KIND_BOOL:
      return (bytes[b + (row >> 3)]! & (1 << (row & 7))) !== 0
  }
  const [from, to] = textRange(view, kind, b, row)
  if (from > to || to > size)
    throw new RowBatchError(`cell (${row}, ${col}) has payload [${from}, ${to}) outside its ${size} bytes`)
  return readUtf8(bytes, p + from, p + to)
}

/** Cell `row`'s [from, to) within the payload of a TEXT32 / TEXT16 / TEXT_FIXED column. */
export function textRange(view: DataView, kind: number, b: number, row: number): [number, number] {
  if (kind === KIND_TEXT32) return [view.getUint32(b + row * 4, true), view.getUint32(b + row * 4 + 4, true)]
  if (kind === KIND_TEXT16) return [view.getUint16(b + row * 2, true), view.getUint16(b + row * 2 + 2, true)]
  return [row * b, row * b + b]
}

/**
 * The payload size and sections of a compact column of `rows` rows, for the reader's checks:
 * [size, [offset, bytes, name]...] (the null bitmap is checked by the caller).
 */
export function compactSections(
  view: DataView,
  kind: number,
  b: number,
  p: number,
  rows: number,
): [number, [number, number, string][]] {
  const bits = (rows + 7) >> 3
  switch (kind) {
    case KIND_I32:
      return [0, [[b, rows * 4, 'value']]]
    case KIND_I64:
      return [0, [[b, rows * 8, 'value']]]
    case KIND_BOOL:
      return [0, [[b, bits, 'value']]]
  }
  if (kind !== KIND_TEXT32 && kind !== KIND_TEXT16) return [rows * b, [[p, rows * b, 'payload']]]
  const width = kind === KIND_TEXT32 ? 4 : 2
  const offsets: [number, number, string] = [b, (rows + 1) * width, 'offset']
  if (b % 8 !== 0 || b + (rows + 1) * width > view.byteLength) return [0, [offsets]]
  const size = width === 4 ? view.getUint32(b + rows * 4, true) : view.getUint16(b + rows * 2, true)
  return [size, [offsets, [p, size, 'payload']]]
}
