// The contract's modules directly: its index pulls in zod, which the engine host never needs.
import {
  KIND_F64,
  KIND_NULL,
  KIND_TAGGED,
  TAG_BYTES,
  TAG_FLOAT,
  TAG_INT,
  TAG_NULL,
  TAG_NUMBER,
  TAG_STRING,
  TEXT_UTF16,
} from '../../../shared/contract/row-batch'
import type { ColumnSections } from '../../../shared/contract/row-batch-columns'
import { writeUtf16 } from '../../../shared/contract/row-batch-text'
import { grown, utf8Offsets } from './sqlite-column-buffers'

const encoder = new TextEncoder()
/** Text up to this length is written by hand when ASCII: cheaper than a call into Buffer#write. */
const SHORT = 24
/** Whether `s` holds no lone surrogate (UTF-8 carries it exactly). */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed()

/**
 * One column's cells of a batch, as better-sqlite3 returns them with safeIntegers on (INTEGER →
 * bigint, REAL → number, TEXT → string, BLOB → Buffer, NULL → null), encoded whole into the
 * sections of a row batch. The first non-null cell picks the loop to try (SQLite types values,
 * not columns, but a column's values mostly share a type): numbers into a Float64Array, text as
 * one UTF-8 encode of the column's joined text; a cell that loop cannot hold sends the column to
 * the cell-by-cell one. The bytes are those RowBatchWriter makes for the same cells (integers
 * beyond ±(2^53−1) as digits, non-finite REALs as the float tag, lone surrogates as UTF-16).
 * Buffers are kept from batch to batch.
 */
export class SqliteColumnEncoder {
  private values = new Float64Array(0)
  private nulls = new Uint8Array(0)
  private tags = new Uint8Array(0)
  private offsets = new Uint32Array(0)
  private payload = Buffer.allocUnsafeSlow(0)
  private view = new DataView(this.payload.buffer)

  encode(cells: readonly unknown[], rows: number): ColumnSections {
    let first = 0
    while (first < rows && cells[first] === null) first++
    if (first === rows) return { kind: KIND_NULL }
    // The first cell's type says which loop to try; a cell it cannot hold sends the column to tagged().
    const type = typeof cells[first]
    const column =
      type === 'string'
        ? this.joinedText(cells, rows)
        : type === 'bigint' || type === 'number'
          ? this.numbers(cells, rows)
          : null
    return column ?? this.tagged(cells, rows)
  }

  /** Numbers (exact in a float64) and nulls; null at the first other cell. */
  private numbers(cells: readonly unknown[], rows: number): ColumnSections | null {
    const values = (this.values = grown(this.values, rows))
    const nulls = (this.nulls = grown(this.nulls, (rows + 7) >> 3))
    nulls.fill(0, 0, (rows + 7) >> 3)
    let hasNull = false
    for (let r = 0; r < rows; r++) {
      const cell = cells[r]
      if (typeof cell === 'bigint') {
        const n = Number(cell)
        if (!Number.isSafeInteger(n)) return null
        values[r] = n
      } else if (typeof cell === 'number') {
        if (!Number.isFinite(cell)) return null
        values[r] = cell
      } else if (cell === null) {
        nulls[r >> 3]! |= 1 << (r & 7)
        values[r] = 0
        hasNull = true
      } else return null
    }
    return { kind: KIND_F64, nulls: hasNull ? nulls : null, values }
  }

  /**
   * Text and nulls: the column's text joined and encoded in one call. ASCII text is one byte per
   * character, so its offsets are the characters'; other text has its offsets found by walking the
   * UTF-8 it became. Null (the cell-by-cell loop then) for any other cell, or a lone surrogate.
   */
  private joinedText(cells: readonly unknown[], rows: number): ColumnSections | null {
    const tags = (this.tags = grown(this.tags, rows))
    const offsets = (this.offsets = grown(this.offsets, rows + 1))
    let joined = ''
    offsets[0] = 0
    for (let r = 0; r < rows; r++) {
      const cell = cells[r]
      if (typeof cell === 'string') {
        tags[r] = TAG_STRING
        joined += cell
      } else if (cell === null) tags[r] = TAG_NULL
      else return null
      offsets[r + 1] = joined.length
    }
    const payload = this.room(0, joined.length * 3)
    const written = encoder.encodeInto(joined, payload).written
    if (written === joined.length) return { kind: KIND_TAGGED, tags, offsets, payload }
    // Not ASCII. A lone surrogate would have become U+FFFD: such columns go cell by cell.
    if (!wellFormed(joined)) return null
    return utf8Offsets(payload, offsets, rows) ? { kind: KIND_TAGGED, tags, offsets, payload } : null
  }

  private tagged(cells: readonly unknown[], rows: number): ColumnSections {
    const tags = (this.tags = grown(this.tags, rows))
    const offsets = (this.offsets = grown(this.offsets, rows + 1))
    let used = 0
    offsets[0] = 0
    for (let r = 0; r < rows; r++) {
      const cell = cells[r]
      switch (typeof cell) {
        case 'bigint': {
          const n = Number(cell)
          if (Number.isSafeInteger(n)) used = this.float(r, n, used)
          else used = this.text(r, TAG_INT, cell.toString(), used)
          break
        }
        case 'number':
          used = Number.isFinite(cell) ? this.float(r, cell, used) : this.text(r, TAG_FLOAT, String(cell), used)
          break
        case 'string':
          used = this.text(r, TAG_STRING, cell, used)
          break
        default:
          if (cell === null) tags[r] = TAG_NULL
          else if (cell instanceof Uint8Array) {
            tags[r] = TAG_BYTES
            this.room(used, cell.length).set(cell, used)
            used += cell.length
          } else throw new TypeError(`Unexpected SQLite value of type ${typeof cell}`)
      }
      offsets[r + 1] = used
    }
    return { kind: KIND_TAGGED, tags, offsets, payload: this.payload }
  }

  private float(r: number, n: number, used: number): number {
    this.tags[r] = TAG_NUMBER
    this.room(used, 8)
    this.view.setFloat64(used, n, true)
    return used + 8
  }

  /** Text as UTF-8 (short ASCII by hand, the rest by Buffer#write), or UTF-16 when it holds a lone surrogate. */
  private text(r: number, tag: number, s: string, used: number): number {
    const out = this.room(used, s.length * 3)
    const n = s.length
    if (n <= SHORT) {
      let pos = used
      let i = 0
      for (; i < n; i++) {
        const c = s.charCodeAt(i)
        if (c >= 0x80) break
        out[pos++] = c
      }
      if (i === n) {
        this.tags[r] = tag
        return pos
      }
    }
    if (wellFormed(s)) {
      this.tags[r] = tag
      return used + out.write(s, used)
    }
    this.tags[r] = tag | TEXT_UTF16
    return writeUtf16(s, out, used)
  }

  /** The payload buffer with room for `size` bytes after the first `used`. */
  private room(used: number, size: number): Buffer {
    if (used + size > this.payload.length) {
      let length = Math.max(1024, this.payload.length * 2)
      while (length < used + size) length *= 2
      const next = Buffer.allocUnsafeSlow(length)
      this.payload.copy(next, 0, 0, used)
      this.payload = next
      this.view = new DataView(next.buffer, next.byteOffset, next.length)
    }
    return this.payload
  }
}
