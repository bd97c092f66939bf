import { TextDecoder } from 'node:util'
import type { ColumnDefinition } from './mysql-client'
import { BINARY_COLLATION, FLAG, TYPE } from './mysql-columns'
import { geometryToWkt } from './mysql-geometry'
import type { JsonWriter } from './mysql-json-writer'

/** How a column's text-protocol value becomes its wire value (see WireValue). */
const enum Cell {
  /** INT and smaller: the server's digits are a JSON number already. */
  Int,
  /** BIGINT: a number within ±(2^53−1), else `{$:'int'}` with the exact digits. */
  BigInt,
  /** FLOAT/DOUBLE: the server's text as a JSON number. */
  Float,
  /** DECIMAL, dates, times, YEAR, ZEROFILL integers: ASCII text as the server wrote it, as a string. */
  Ascii,
  /** UTF-8 text (the driver asks for utf8mb4 results), escaped only where JSON needs it. */
  Utf8,
  /** Text in another character set (after SET NAMES): decoded, then a string. */
  Decoded,
  /** Binary strings and BLOBs: `{$:'bytes', v: hex, n}`. */
  Bytes,
  /** BIT(n): `b'101'`, as MySQL writes a bit literal (leading zeros dropped). */
  Bit,
  /** Spatial values: WKT (`POINT(1 2)`), or bytes if the WKB cannot be read. */
  Geometry,
}

const MAX_SAFE_DIGITS = Buffer.from(String(Number.MAX_SAFE_INTEGER), 'latin1')
const QUOTE = 0x22
const BACKSLASH = 0x5c

function cellOf(field: ColumnDefinition): Cell {
  const { columnType: type, flags } = field
  if (field.extendedFormat === 'json') return Cell.Utf8
  switch (type) {
    case TYPE.TINY:
    case TYPE.SHORT:
    case TYPE.INT24:
    case TYPE.LONG:
      return flags & FLAG.ZEROFILL ? Cell.Ascii : Cell.Int
    case TYPE.LONGLONG:
      return flags & FLAG.ZEROFILL ? Cell.Ascii : Cell.BigInt
    case TYPE.FLOAT:
    case TYPE.DOUBLE:
      return flags & FLAG.ZEROFILL ? Cell.Ascii : Cell.Float
    case TYPE.DECIMAL:
    case TYPE.NEWDECIMAL:
    case TYPE.DATE:
    case TYPE.NEWDATE:
    case TYPE.TIME:
    case TYPE.DATETIME:
    case TYPE.TIMESTAMP:
    case TYPE.YEAR:
      return Cell.Ascii
    case TYPE.BIT:
      return Cell.Bit
    case TYPE.GEOMETRY:
      return Cell.Geometry
    case TYPE.JSON: // sent with the binary collation, but always UTF-8 text
      return Cell.Utf8
  }
  if (field.characterSet === BINARY_COLLATION) return Cell.Bytes
  if (field.encoding === 'utf8' || field.encoding === 'cesu8') return Cell.Utf8
  return decoderFor(field.encoding) ? Cell.Decoded : Cell.Bytes
}

/** Turns each row packet of one result into JSON text, straight from the packet's bytes. */
export class RowEncoder {
  private readonly cells: Cell[]
  private readonly decoders: (TextDecoder | null)[]

  constructor(fields: readonly ColumnDefinition[]) {
    this.cells = fields.map(cellOf)
    this.decoders = fields.map((field, i) => (this.cells[i] === Cell.Decoded ? decoderFor(field.encoding) : null))
  }

  /** Appends the row in buf[offset, end) (length-prefixed values, 0xfb for NULL) as a JSON array. */
  write(buf: Buffer, offset: number, end: number, out: JsonWriter): void {
    const { cells } = this
    out.ensure(end - offset + 2 * cells.length + 2)
    out.buf[out.pos++] = 0x5b
    let off = offset
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out.byte(0x2c)
      let len = buf[off++]!
      if (len === 0xfb) {
        out.ascii('null')
        continue
      }
      if (len === 0xfc) {
        len = buf[off]! | (buf[off + 1]! << 8)
        off += 2
      } else if (len === 0xfd) {
        len = buf[off]! | (buf[off + 1]! << 8) | (buf[off + 2]! << 16)
        off += 3
      } else if (len === 0xfe) {
        len = buf.readUInt32LE(off) + buf.readUInt32LE(off + 4) * 2 ** 32
        off += 8
      }
      const valueEnd = off + len
      if (valueEnd > end) throw new RangeError('Row packet ends inside a value')
      this.cell(cells[i]!, i, buf, off, valueEnd, out)
      off = valueEnd
    }
    out.byte(0x5d)
  }

  private cell(cell: Cell, column: number, buf: Buffer, start: number, end: number, out: JsonWriter): void {
    switch (cell) {
      case Cell.Int:
        return out.copy(buf, start, end)
      case Cell.BigInt:
        return isSafeDigits(buf, start, end) ? out.copy(buf, start, end) : tagged(out, 'int', buf, start, end)
      case Cell.Float:
        return isJsonNumber(buf, start, end)
          ? out.copy(buf, start, end)
          : oddFloat(buf.toString('latin1', start, end), out)
      case Cell.Ascii:
        out.byte(QUOTE)
        out.copy(buf, start, end)
        return out.byte(QUOTE)
      case Cell.Utf8:
        return utf8(buf, start, end, out)
      case Cell.Decoded:
        return out.string(this.decoders[column]!.decode(buf.subarray(start, end)))
      case Cell.Bytes:
        return bytes(buf, start, end, out)
      case Cell.Bit:
        return out.string(`b'${bits(buf, start, end)}'`)
      case Cell.Geometry:
        return geometry(buf, start, end, out)
    }
  }
}

/** Decimal digits within ±(2^53−1): fewer than 16 digits, or 16 not above 9007199254740991. */
function isSafeDigits(buf: Buffer, start: number, end: number): boolean {
  const digitsStart = buf[start] === 0x2d ? start + 1 : start
  const digits = end - digitsStart
  if (digits !== MAX_SAFE_DIGITS.length) return digits < MAX_SAFE_DIGITS.length
  return buf.compare(MAX_SAFE_DIGITS, 0, digits, digitsStart, end) <= 0
}

/** The server's float text is JSON unless it is inf/nan or otherwise odd: `-?d+(.d+)?(e[+-]?d+)?`. */
function isJsonNumber(buf: Buffer, start: number, end: number): boolean {
  let i = start
  if (buf[i] === 0x2d) i++
  const digits = (): boolean => {
    const from = i
    while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++
    return i > from
  }
  if (buf[i] === 0x30 && i + 1 < end && buf[i + 1]! >= 0x30 && buf[i + 1]! <= 0x39) return false
  if (!digits()) return false
  if (buf[i] === 0x2e) {
    i++
    if (!digits()) return false
  }
  if (buf[i] === 0x65 || buf[i] === 0x45) {
    i++
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++
    if (!digits()) return false
  }
  return i === end
}

function tagged(out: JsonWriter, tag: 'int', buf: Buffer, start: number, end: number): void {
  out.ascii(`{"$":"${tag}","v":"`)
  out.copy(buf, start, end)
  out.ascii('"}')
}

/** inf and nan as the wire's float tag; any other text the server may print, as a string. */
function oddFloat(text: string, out: JsonWriter): void {
  const special = /^(-?)inf/i.test(text)
    ? `${text.startsWith('-') ? '-' : ''}Infinity`
    : /nan/i.test(text)
      ? 'NaN'
      : null
  if (special) out.ascii(`{"$":"float","v":"${special}"}`)
  else out.string(text)
}

/** UTF-8 text copied byte for byte, unless it holds a quote, backslash or control character. */
function utf8(buf: Buffer, start: number, end: number, out: JsonWriter): void {
  const mark = out.pos
  out.ensure(end - start + 2)
  const target = out.buf
  let pos = out.pos
  target[pos++] = QUOTE
  for (let i = start; i < end; i++) {
    const b = buf[i]!
    if (b < 0x20 || b === QUOTE || b === BACKSLASH) {
      out.pos = mark
      return out.string(buf.toString('utf8', start, end))
    }
    target[pos++] = b
  }
  target[pos++] = QUOTE
  out.pos = pos
}

function bytes(buf: Buffer, start: number, end: number, out: JsonWriter): void {
  out.ascii('{"$":"bytes","v":"')
  out.hex(buf, start, end)
  out.ascii(`","n":${end - start}}`)
}

function bits(buf: Buffer, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end; i++) text += buf[i]!.toString(2).padStart(8, '0')
  return text.replace(/^0+(?=.)/, '')
}

function geometry(buf: Buffer, start: number, end: number, out: JsonWriter): void {
  let wkt: string
  try {
    wkt = geometryToWkt(buf, start, end)
  } catch {
    return bytes(buf, start, end, out)
  }
  out.string(wkt)
}

/** mysql2's encoding names are mostly WHATWG labels too; text in any other stays bytes. */
function decoderFor(encoding: string): TextDecoder | null {
  try {
    return new TextDecoder(encoding)
  } catch {
    return null
  }
}
