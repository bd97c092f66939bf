import {
  KIND_BOOL,
  KIND_F64,
  KIND_I32,
  KIND_I64,
  KIND_NULL,
  KIND_TAGGED,
  KIND_TEXT16,
  KIND_TEXT32,
  KIND_TEXT_FIXED,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TEXT_UTF16,
  align8,
} from './row-batch'
import type { TaggedColumn } from './row-batch-compact'
import { allInt32, hasNullTag, planTagged, writeBoolBits, writeFixedText, writeTagNulls } from './row-batch-compact'
import { layoutBatch } from './row-batch-layout'
import type { EncodedColumn } from './row-batch-packing'
import { encodeColumn } from './row-batch-packing'
import { writeUtf16, writeUtf8 } from './row-batch-text'

/** How a filled column is laid out: its kind, whether it has a null bitmap, a TEXT_FIXED width. */
interface Plan {
  kind: number
  nulls: boolean
  width: number
  /** The encoded layout (DICT, PACKED) when one was chosen over the plain kind above. */
  encoded?: EncodedColumn | null
}

const grow = <T extends Uint8Array | Uint32Array | Float64Array>(array: T, need: number): T => {
  if (need <= array.length) return array
  let size = array.length * 2
  while (size < need) size *= 2
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array)
  return next
}

/** The column a packed group's rows are copied into (one at a time: packing is synchronous). */
let groupScratch: ColumnBuilder | null = null

/**
 * One column of a batch being written (see row-batch.ts for the layout). It starts NULL, becomes
 * F64 at its first number and TAGGED at its first cell of any other kind; its buffers grow by
 * doubling and are kept for the next batch. When laid out, an F64 or TAGGED column whose cells all
 * fit a compact kind is written as that kind (row-batch-compact.ts).
 */
export class ColumnBuilder {
  /** `encodes`: may lay the column out in an encoded kind (DICT, PACKED; row-batch-packing.ts). */
  constructor(private readonly encodes = true) {}

  kind = KIND_NULL
  rows = 0
  private hasNull = false
  private nulls = new Uint8Array(16)
  private values = new Float64Array(128)
  private tags = new Uint8Array(128)
  private offsets = new Uint32Array(129)
  private payload = new Uint8Array(1024)
  private payloadView = new DataView(this.payload.buffer)
  private used = 0
  private planned: Plan | null = null
  private words = new Uint32Array(256)

  null(): void {
    this.planned = null
    if (this.kind === KIND_F64) {
      this.nulls = grow(this.nulls, (this.rows >> 3) + 1)
      this.nulls[this.rows >> 3]! |= 1 << (this.rows & 7)
      this.values = grow(this.values, this.rows + 1)
      this.values[this.rows] = 0
      this.hasNull = true
    } else if (this.kind === KIND_TAGGED) {
      this.tag(TAG_NULL)
      return
    }
    this.rows++
  }

  number(n: number): void {
    this.planned = null
    if (this.kind === KIND_TAGGED) {
      this.tag(TAG_NUMBER)
      this.room(8)
      this.putF64(n)
      this.offsets[this.rows] = this.used
      return
    }
    if (this.kind === KIND_NULL) this.toF64()
    this.values = grow(this.values, this.rows + 1)
    this.values[this.rows++] = n
  }

  /** Appends a tagged cell with no payload yet (room() then commit() add one). */
  tag(tag: number): void {
    this.planned = null
    if (this.kind !== KIND_TAGGED) this.toTagged()
    this.tags = grow(this.tags, this.rows + 1)
    this.offsets = grow(this.offsets, this.rows + 2)
    this.tags[this.rows++] = tag
    this.offsets[this.rows] = this.used
  }

  /** The payload buffer with room for `size` more bytes (written from `used`). */
  room(size: number): Uint8Array {
    if (this.used + size > this.payload.length) {
      this.payload = grow(this.payload, this.used + size)
      this.payloadView = new DataView(this.payload.buffer)
    }
    return this.payload
  }

  /** Writes a float64 at the payload's end (room made by the caller). */
  private putF64(n: number): void {
    this.payloadView.setFloat64(this.used, n, true)
    this.used += 8
  }

  /** Appends a cell with a tag, up to two payload bytes (-1: none), then `text`. */
  text(tag: number, s: string, prefix = -1, prefix2 = -1): void {
    this.tag(tag)
    const out = this.room(s.length * 3 + 2)
    let pos = this.used
    if (prefix >= 0) out[pos++] = prefix
    if (prefix2 >= 0) out[pos++] = prefix2
    const end = writeUtf8(s, out, pos)
    if (end >= 0) this.used = end
    else {
      this.tags[this.rows - 1] = tag | TEXT_UTF16
      this.used = writeUtf16(s, out, pos)
    }
    this.offsets[this.rows] = this.used
  }

  /** Appends a cell with a tag and the given raw bytes (after an optional 8-byte float64 prefix). */
  raw(tag: number, bytes: Uint8Array, start: number, end: number, prefix?: number): void {
    this.tag(tag)
    const out = this.room(end - start + 8)
    if (prefix !== undefined) this.putF64(prefix)
    let pos = this.used
    // A loop beats subarray() + set() (a view object and a native call) for the short values most cells hold.
    if (end - start < 64) for (let i = start; i < end; i++) out[pos++] = bytes[i]!
    else {
      out.set(bytes.subarray(start, end), pos)
      pos += end - start
    }
    this.used = pos
    this.offsets[this.rows] = this.used
  }

  /** Makes this empty column hold rows [from, to) of the TAGGED column `source` (copied in bulk). */
  copyTagged(source: ColumnBuilder, from: number, to: number): void {
    const rows = to - from
    const base = source.offsets[from]!
    const bytes = source.offsets[to]! - base
    this.planned = null
    this.kind = KIND_TAGGED
    this.tags = grow(this.tags, rows + 1)
    this.tags.set(source.tags.subarray(from, to))
    this.offsets = grow(this.offsets, rows + 2)
    for (let r = 0; r <= rows; r++) this.offsets[r] = source.offsets[from + r]! - base
    this.room(bytes).set(source.payload.subarray(base, base + bytes))
    this.used = bytes
    this.rows = rows
  }

  /** Marks the end of the current cell's payload written through room(). */
  commit(used: number): void {
    this.used = used
    this.offsets[this.rows] = used
  }

  get payloadUsed(): number {
    return this.used
  }

  private get tagged(): TaggedColumn {
    const { tags, offsets, payload, payloadView, rows, used } = this
    return { tags, offsets, payload, payloadView, rows, used }
  }

  /** The kind this column is laid out as (F64 and TAGGED columns may take a compact kind). */
  private plan(): Plan {
    if (this.planned) return this.planned
    const rows = this.rows
    let plan: Plan = { kind: this.kind, nulls: this.hasNull, width: 0 }
    if (this.kind === KIND_F64 && allInt32(this.values, rows)) plan = { ...plan, kind: KIND_I32 }
    else if (this.kind === KIND_TAGGED) {
      if (this.words.length < rows * 2) this.words = new Uint32Array(rows * 4)
      const { kind, width } = planTagged(this.tagged, this.words)
      plan = { kind, width, nulls: kind !== KIND_TAGGED && hasNullTag(this.tags, rows) }
    }
    this.planned = plan
    // Set first: the encoder reads the column's plain size (byteLength) to weigh an encoding against it.
    if (this.encodes) plan.encoded = encodeColumn(this.plainColumn(plan))
    return plan
  }

  private plainColumn(plan: Plan) {
    const { kind, nulls } = plan
    return {
      kind,
      nulls,
      byteLength: this.byteLength,
      tagged: this.tagged,
      groupBatch: (from: number, to: number) => {
        const part = (groupScratch ??= new ColumnBuilder(false))
        part.copyTagged(this, from, to)
        const batch = layoutBatch([part], to - from)
        part.reset()
        return batch
      },
      dictionaryBatch: (entries: Int32Array, count: number) => {
        const values = new ColumnBuilder(false)
        for (let k = 0; k < count; k++) values.raw(TAG_STRING, this.payload, entries[k * 2]!, entries[k * 2 + 1]!)
        return layoutBatch([values], count)
      },
    }
  }

  /** Bytes of this column's sections in a finished batch. */
  get byteLength(): number {
    const rows = this.rows
    const { kind, nulls, width, encoded } = this.plan()
    if (encoded) return encoded.byteLength
    const bits = align8((rows + 7) >> 3)
    const start = nulls ? bits : 0
    switch (kind) {
      case KIND_F64:
      case KIND_I64:
        return start + rows * 8
      case KIND_I32:
        return start + align8(rows * 4)
      case KIND_BOOL:
        return start + bits
      case KIND_TEXT32:
        return start + align8((rows + 1) * 4) + align8(this.used)
      case KIND_TEXT16:
        return start + align8((rows + 1) * 2) + align8(this.used)
      case KIND_TEXT_FIXED:
        return start + align8(rows * width)
      case KIND_TAGGED:
        return align8(rows) + align8((rows + 1) * 4) + align8(this.used)
    }
    return 0
  }

  /**
   * Writes the sections at `pos` of `out` (zeroed) and its directory entry at `entry`; returns
   * the next section offset.
   */
  writeTo(out: Uint8Array, view: DataView, entry: number, pos: number): number {
    const rows = this.rows
    const { kind, nulls, width, encoded } = this.plan()
    if (encoded) return encoded.writeTo(out, view, entry, pos)
    view.setUint32(entry, kind, true)
    if (kind === KIND_NULL) return pos
    if (kind === KIND_TAGGED) {
      view.setUint32(entry + 4, pos, true)
      out.set(this.tags.subarray(0, rows), pos)
      pos += align8(rows)
      view.setUint32(entry + 8, pos, true)
      new Uint32Array(out.buffer, pos, rows + 1).set(this.offsets.subarray(0, rows + 1))
      pos += align8((rows + 1) * 4)
      view.setUint32(entry + 12, pos, true)
      out.set(this.payload.subarray(0, this.used), pos)
      return pos + align8(this.used)
    }
    if (nulls) {
      view.setUint32(entry + 4, pos, true)
      if (this.kind === KIND_F64) out.set(this.nulls.subarray(0, (rows + 7) >> 3), pos)
      else writeTagNulls(this.tags, rows, out, pos)
      pos += align8((rows + 7) >> 3)
    }
    view.setUint32(entry + 8, kind === KIND_TEXT_FIXED ? width : pos, true)
    switch (kind) {
      case KIND_F64:
        new Float64Array(out.buffer, pos, rows).set(this.values.subarray(0, rows))
        return pos + rows * 8
      case KIND_I32:
        new Int32Array(out.buffer, pos, rows).set(this.values.subarray(0, rows))
        return pos + align8(rows * 4)
      case KIND_I64:
        new Uint32Array(out.buffer, pos, rows * 2).set(this.words.subarray(0, rows * 2))
        return pos + rows * 8
      case KIND_BOOL:
        writeBoolBits(this.tags, rows, out, pos)
        return pos + align8((rows + 7) >> 3)
      case KIND_TEXT_FIXED:
        view.setUint32(entry + 12, pos, true)
        writeFixedText(this.tagged, width, out, pos)
        return pos + align8(rows * width)
    }
    const wide = kind === KIND_TEXT32
    const offsets = wide ? new Uint32Array(out.buffer, pos, rows + 1) : new Uint16Array(out.buffer, pos, rows + 1)
    offsets.set(this.offsets.subarray(0, rows + 1))
    pos += align8((rows + 1) * (wide ? 4 : 2))
    view.setUint32(entry + 12, pos, true)
    out.set(this.payload.subarray(0, this.used), pos)
    return pos + align8(this.used)
  }

  /** Empties the column for the next batch, keeping its buffers. */
  reset(): void {
    if (this.hasNull) this.nulls.fill(0, 0, (this.rows + 7) >> 3)
    this.kind = KIND_NULL
    this.rows = 0
    this.hasNull = false
    this.used = 0
    this.planned = null
  }

  private toF64(): void {
    this.kind = KIND_F64
    if (this.rows === 0) return
    this.nulls = grow(this.nulls, (this.rows >> 3) + 1)
    this.values = grow(this.values, this.rows + 1)
    for (let r = 0; r < this.rows; r++) this.nulls[r >> 3]! |= 1 << (r & 7)
    this.values.fill(0, 0, this.rows)
    this.hasNull = true
  }

  private toTagged(): void {
    const rows = this.rows
    this.tags = grow(this.tags, rows + 1)
    this.offsets = grow(this.offsets, rows + 2)
    this.offsets[0] = 0
    if (this.kind === KIND_F64) {
      this.room(rows * 8)
      for (let r = 0; r < rows; r++) {
        const isNull = this.hasNull && (this.nulls[r >> 3]! & (1 << (r & 7))) !== 0
        this.tags[r] = isNull ? TAG_NULL : TAG_NUMBER
        if (!isNull) this.putF64(this.values[r]!)
        this.offsets[r + 1] = this.used
      }
      if (this.hasNull) this.nulls.fill(0, 0, (rows + 7) >> 3)
      this.hasNull = false
    } else {
      this.tags.fill(TAG_NULL, 0, rows)
      this.offsets.fill(0, 0, rows + 1)
    }
    this.kind = KIND_TAGGED
  }
}
