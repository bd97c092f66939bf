import {
  KIND_BOOL,
  KIND_I64,
  KIND_TAGGED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  TAG_FALSE,
  TAG_INT,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TAG_TRUE,
} from './row-batch'

/**
 * Choosing a column's compact kind (layout in row-batch.ts) from what the writer collected as a
 * TAGGED or F64 column. Exactness decides: a kind is chosen only when every cell reads back the
 * same from it; anything else stays TAGGED / F64.
 */

/** True when every value in values[0, rows) is an int32 and none is -0 (nulls hold 0). */
export function allInt32(values: Float64Array, rows: number): boolean {
  for (let r = 0; r < rows; r++) {
    const v = values[r]!
    if (v !== (v | 0) || (v === 0 && 1 / v < 0)) return false
  }
  return true
}

export interface TaggedColumn {
  tags: Uint8Array
  offsets: Uint32Array
  payload: Uint8Array
  payloadView: DataView
  rows: number
  used: number
}

/**
 * The kind a TAGGED column is laid out as, and for KIND_TEXT_FIXED its width. For KIND_I64 the
 * values are left in `words` (low, high u32 per row), which must hold rows·2 entries.
 */
export function planTagged(column: TaggedColumn, words: Uint32Array): { kind: number; width: number } {
  const { tags, offsets, rows } = column
  let seen = 0
  for (let r = 0; r < rows; r++) {
    const tag = tags[r]!
    seen |= tag < 31 ? 1 << tag : 1 << 31
  }
  const only = (...allowed: number[]): boolean => (seen & ~allowed.reduce((m, t) => m | (1 << t), 0)) === 0
  if (rows === 0) return { kind: KIND_TAGGED, width: 0 }
  if (only(TAG_NULL, TAG_STRING)) {
    let width = -1
    for (let r = 0; r < rows && width !== -2; r++) {
      if (tags[r] === TAG_NULL) continue
      const size = offsets[r + 1]! - offsets[r]!
      width = width === -1 || width === size ? size : -2
    }
    if (width >= 0) return { kind: KIND_TEXT_FIXED, width }
    return { kind: column.used <= 0xffff ? KIND_TEXT16 : KIND_TEXT32, width: 0 }
  }
  if (only(TAG_NULL, TAG_TRUE, TAG_FALSE)) return { kind: KIND_BOOL, width: 0 }
  if (only(TAG_NULL, TAG_NUMBER, TAG_INT) && int64Words(column, words)) return { kind: KIND_I64, width: 0 }
  return { kind: KIND_TAGGED, width: 0 }
}

const TWO_32 = 4294967296

/** Fills `words` with every cell as an int64; false when a cell is not one the I64 kind reads back exactly. */
function int64Words(column: TaggedColumn, words: Uint32Array): boolean {
  const { tags, offsets, payload, payloadView, rows } = column
  for (let r = 0; r < rows; r++) {
    const tag = tags[r]!
    let lo = 0
    let hi = 0
    if (tag === TAG_NUMBER) {
      const n = payloadView.getFloat64(offsets[r]!, true)
      if (!Number.isSafeInteger(n) || (n === 0 && 1 / n < 0)) return false
      lo = n >>> 0
      hi = Math.floor(n / TWO_32) >>> 0
    } else if (tag === TAG_INT) {
      let i = offsets[r]!
      const end = offsets[r + 1]!
      const negative = payload[i] === 0x2d
      if (negative) i++
      // Canonical digits only (no sign but '-', no leading zero): they must read back the same.
      if (i >= end || payload[i] === 0x30 || end - i > 19) return false
      // Up to 15 digits are exact in a double; the rest (at most 4) scale (hi, lo) once.
      const split = Math.min(end, i + 15)
      let head = 0
      for (; i < split; i++) {
        const d = payload[i]! - 0x30
        if (d < 0 || d > 9) return false
        head = head * 10 + d
      }
      let tail = 0
      let scale = 1
      for (; i < end; i++) {
        const d = payload[i]! - 0x30
        if (d < 0 || d > 9) return false
        tail = tail * 10 + d
        scale *= 10
      }
      // Divisions by 2^32 are exact (a power of two) and cheaper than %.
      const headHi = Math.floor(head / TWO_32)
      const low = (head - headHi * TWO_32) * scale + tail
      const carry = Math.floor(low / TWO_32)
      lo = low - carry * TWO_32
      hi = headHi * scale + carry
      // |v| must be above 2^53−1 (else it reads back as a number) and within int64.
      if (hi < 0x200000 || hi > 0x80000000 || (hi === 0x80000000 && (lo !== 0 || !negative))) return false
      if (negative) {
        const borrow = lo === 0 ? 0 : 1
        lo = (TWO_32 - lo) % TWO_32
        hi = (TWO_32 - hi - borrow) % TWO_32
      }
    }
    words[r * 2] = lo
    words[r * 2 + 1] = hi
  }
  return true
}

/** Writes the null bitmap of a TAGGED column at `pos` (bit set where the tag is NULL; `out` zeroed there). */
export function writeTagNulls(tags: Uint8Array, rows: number, out: Uint8Array, pos: number): void {
  for (let r = 0; r < rows; r++) if (tags[r] === TAG_NULL) out[pos + (r >> 3)]! |= 1 << (r & 7)
}

/** True when some tag in tags[0, rows) is NULL. */
export function hasNullTag(tags: Uint8Array, rows: number): boolean {
  for (let r = 0; r < rows; r++) if (tags[r] === TAG_NULL) return true
  return false
}

/** Writes the value bitmap of a BOOL column at `pos` (bit set: true). */
export function writeBoolBits(tags: Uint8Array, rows: number, out: Uint8Array, pos: number): void {
  for (let r = 0; r < rows; r++) if (tags[r] === TAG_TRUE) out[pos + (r >> 3)]! |= 1 << (r & 7)
}

/** Copies the fixed-width cells of a TEXT_FIXED column to `pos` (null rows stay zero). */
export function writeFixedText(column: TaggedColumn, width: number, out: Uint8Array, pos: number): void {
  const { tags, offsets, payload, rows } = column
  if (!hasNullTag(tags, rows)) {
    out.set(payload.subarray(0, rows * width), pos)
    return
  }
  for (let r = 0; r < rows; r++) {
    if (tags[r] === TAG_NULL) continue
    const from = offsets[r]!
    for (let i = 0; i < width; i++) out[pos + r * width + i] = payload[from + i]!
  }
}
