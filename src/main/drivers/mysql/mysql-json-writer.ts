import type { EncodedRows } from '../../../shared/contract'

const INITIAL_BYTES = 64 * 1024
const HEX = Buffer.from('0123456789abcdef', 'latin1')

/**
 * Builds one batch's JSON text as UTF-8 bytes, copied straight from the row packets, then turns
 * it into a string once per batch. One buffer per reader, reused from batch to batch.
 */
export class JsonWriter {
  buf = Buffer.allocUnsafe(INITIAL_BYTES)
  pos = 0

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(grown, 0, 0, this.pos)
    this.buf = grown
  }

  byte(b: number): void {
    this.ensure(1)
    this.buf[this.pos++] = b
  }

  /** ASCII text (JSON punctuation, tags, digits). */
  ascii(text: string): void {
    this.ensure(text.length)
    this.pos += this.buf.write(text, this.pos, 'latin1')
  }

  /** A JS string as a JSON string literal. */
  string(text: string): void {
    const json = JSON.stringify(text)
    this.ensure(Buffer.byteLength(json))
    this.pos += this.buf.write(json, this.pos, 'utf8')
  }

  /** Bytes copied as they are (caller has checked they need no escaping). */
  copy(src: Buffer, start: number, end: number): void {
    this.ensure(end - start)
    const { buf } = this
    let pos = this.pos
    // A loop beats Buffer#copy's native call for the short values most cells hold.
    if (end - start < 64) for (let i = start; i < end; i++) buf[pos++] = src[i]!
    else pos += src.copy(buf, pos, start, end)
    this.pos = pos
  }

  /** Lowercase hex of src[start, end). */
  hex(src: Buffer, start: number, end: number): void {
    this.ensure((end - start) * 2)
    const { buf } = this
    let pos = this.pos
    for (let i = start; i < end; i++) {
      const b = src[i]!
      buf[pos++] = HEX[b >> 4]!
      buf[pos++] = HEX[b & 15]!
    }
    this.pos = pos
  }

  /** The text written since the last take, and a fresh start. */
  take(): EncodedRows {
    const text = this.buf.toString('utf8', 0, this.pos)
    this.pos = 0
    return text as EncodedRows
  }

  /** Forgets what was written. */
  clear(): void {
    this.pos = 0
  }
}
