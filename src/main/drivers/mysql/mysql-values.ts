import { decoderFor } from './mysql-charsets'
import type { Decode } from './mysql-charsets'
import type { ColumnDefinition } from './mysql-client'
import { BINARY_COLLATION, FLAG, TYPE } from './mysql-columns'
import { geometryToWkt } from './mysql-geometry'
import type { RowBatchWriter } from '../../../shared/contract'

/** How a column's text-protocol value becomes its wire value (see WireValue). */
const enum Cell {
  /** INT and smaller: the server's digits, as a number. */
  Int,
  /** BIGINT: a number within ±(2^53−1), else `{$:'int'}` with the exact digits. */
  BigInt,
  /** FLOAT/DOUBLE: the server's text as a number (inf/nan as the float tag). */
  Float,
  /** DECIMAL, dates, times, YEAR, ZEROFILL integers: ASCII text as the server wrote it, as a string. */
  Ascii,
  /** UTF-8 text (the driver asks for utf8mb4 results), copied as it is. */
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

/** Turns each row packet of one result into batch cells, straight from the packet's bytes. */
export class RowEncoder {
  private readonly cells: Cell[]
  private readonly decoders: (Decode | null)[]

  constructor(fields: readonly ColumnDefinition[]) {
    this.cells = fields.map(cellOf)
    this.decoders = fields.map((field, i) => (this.cells[i] === Cell.Decoded ? decoderFor(field.encoding) : null))
  }

  /** Appends the row in buf[offset, end) (length-prefixed values, 0xfb for NULL) and ends it. */
  write(buf: Buffer, offset: number, end: number, out: RowBatchWriter): void {
    const { cells } = this
    let off = offset
    for (let i = 0; i < cells.length; i++) {
      let len = buf[off++]!
      if (len === 0xfb) {
        out.null()
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
    out.endRow()
  }

  private cell(cell: Cell, column: number, buf: Buffer, start: number, end: number, out: RowBatchWriter): void {
    switch (cell) {
      case Cell.Int:
        return out.number(integer(buf, start, end))
      case Cell.BigInt:
        return isSafeDigits(buf, start, end) ? out.number(integer(buf, start, end)) : out.intUtf8(buf, start, end)
      case Cell.Float:
        return isJsonNumber(buf, start, end)
          ? out.number(Number(buf.toString('latin1', start, end)))
          : oddFloat(buf.toString('latin1', start, end), out)
      case Cell.Ascii:
      case Cell.Utf8:
        return out.textUtf8(buf, start, end)
      case Cell.Decoded:
        return out.text(this.decoders[column]!(buf, start, end))
      case Cell.Bytes:
        return out.bytes(buf, start, end)
      case Cell.Bit:
        return out.text(`b'${bits(buf, start, end)}'`)
      case Cell.Geometry:
        return geometry(buf, start, end, out)
    }
  }
}

/** The value of the decimal digits buf[start, end) (optionally signed), within ±(2^53−1). */
function integer(buf: Buffer, start: number, end: number): number {
  const negative = buf[start] === 0x2d
  let n = 0
  for (let i = negative ? start + 1 : start; i < end; i++) n = n * 10 + (buf[i]! - 0x30)
  return negative ? -n : n
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

/** inf and nan as the wire's float tag; any other text the server may print, as a string. */
function oddFloat(text: string, out: RowBatchWriter): void {
  const special = /^(-?)inf/i.test(text)
    ? `${text.startsWith('-') ? '-' : ''}Infinity`
    : /nan/i.test(text)
      ? 'NaN'
      : null
  if (special) out.floatText(special)
  else out.text(text)
}

function bits(buf: Buffer, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end; i++) text += buf[i]!.toString(2).padStart(8, '0')
  return text.replace(/^0+(?=.)/, '')
}

function geometry(buf: Buffer, start: number, end: number, out: RowBatchWriter): void {
  let wkt: string
  try {
    wkt = geometryToWkt(buf, start, end)
  } catch {
    return out.bytes(buf, start, end)
  }
  out.text(wkt)
}
