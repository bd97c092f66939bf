import type { RowBatchWriter } from '../../../shared/contract'

/** Built-in type OIDs with their own wire form (fixed in every PostgreSQL). */
export const TYPE_OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
} as const

/**
 * How a column's text-protocol value goes into a batch. Everything but these few types (numeric,
 * dates, times, intervals, json, arrays, enums…) stays exactly the text psql shows: nothing is
 * rounded, shifted or reformatted.
 */
export const enum PgCell {
  Text,
  /** int2, int4, oid: always exact as numbers. */
  Int,
  /** int8: a number within ±(2^53−1), else the exact digits (an int cell). */
  BigInt,
  /**
   * float4/float8: the server prints the shortest text that reads back as the same double, so the
   * number is exact. NaN, ±Infinity and -0 stay the server's text in a float cell.
   */
  Float,
  Bool,
  /** bytea: raw bytes, from hex (`\x…`, the default bytea_output) or the old escape format. */
  Bytea,
}

const CELLS = new Map<number, PgCell>([
  [TYPE_OID.bool, PgCell.Bool],
  [TYPE_OID.bytea, PgCell.Bytea],
  [TYPE_OID.int8, PgCell.BigInt],
  [TYPE_OID.int2, PgCell.Int],
  [TYPE_OID.int4, PgCell.Int],
  [TYPE_OID.oid, PgCell.Int],
  [TYPE_OID.float4, PgCell.Float],
  [TYPE_OID.float8, PgCell.Float],
])

export const cellOf = (typeOid: number): PgCell => CELLS.get(typeOid) ?? PgCell.Text

const MINUS = 0x2d
const BACKSLASH = 0x5c
/** Digits of Number.MAX_SAFE_INTEGER (9007199254740991). */
const SAFE_DIGITS = '9007199254740991'

/** One reusable buffer for decoded bytea (grown as needed, kept for the next cell). */
let scratch = Buffer.allocUnsafe(4096)

const room = (size: number): Buffer => {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2))
  return scratch
}

/**
 * Writes the non-NULL cell buf[start, end) (the server's text bytes, UTF-8: pg always asks for
 * client_encoding UTF8) of a column of kind `cell`. No string is made for text, integers or bytea.
 */
export function writeCell(out: RowBatchWriter, cell: PgCell, buf: Buffer, start: number, end: number): void {
  switch (cell) {
    case PgCell.Text:
      return out.textUtf8(buf, start, end)
    case PgCell.Int:
      return out.number(digitsValue(buf, start, end))
    case PgCell.BigInt:
      return safeDigits(buf, start, end) ? out.number(digitsValue(buf, start, end)) : out.intUtf8(buf, start, end)
    case PgCell.Float:
      return writeFloat(out, buf.toString('latin1', start, end))
    case PgCell.Bool:
      return out.bool(buf[start] === 0x74) // 't'
    case PgCell.Bytea:
      return writeBytea(out, buf, start, end)
  }
}

/** The same from pg's decoded text (a DataRow parsed by pg itself, or a test). */
export function writeTextCell(out: RowBatchWriter, cell: PgCell, text: string): void {
  switch (cell) {
    case PgCell.Text:
      return out.text(text)
    case PgCell.Int:
      return out.number(+text)
    case PgCell.BigInt: {
      const value = +text
      return text.length < 16 || Number.isSafeInteger(value) ? out.number(value) : out.intText(text)
    }
    case PgCell.Float:
      return writeFloat(out, text)
    case PgCell.Bool:
      return out.bool(text === 't')
    case PgCell.Bytea: {
      const bytes = Buffer.from(text, 'latin1')
      return writeBytea(out, bytes, 0, bytes.length)
    }
  }
}

function writeFloat(out: RowBatchWriter, text: string): void {
  const value = +text
  if (Number.isFinite(value) && !Object.is(value, -0)) out.number(value)
  else out.floatText(text)
}

/** The value of the (optionally signed) decimal digits buf[start, end), within ±(2^53−1). */
function digitsValue(buf: Buffer, start: number, end: number): number {
  const negative = buf[start] === MINUS
  let n = 0
  for (let i = negative ? start + 1 : start; i < end; i++) n = n * 10 + (buf[i]! - 0x30)
  return negative ? -n : n
}

/** Decimal digits within ±(2^53−1): fewer than 16 digits, or 16 not above 9007199254740991. */
function safeDigits(buf: Buffer, start: number, end: number): boolean {
  const from = buf[start] === MINUS ? start + 1 : start
  const digits = end - from
  if (digits !== SAFE_DIGITS.length) return digits < SAFE_DIGITS.length
  for (let i = 0; i < digits; i++) {
    const d = buf[from + i]! - SAFE_DIGITS.charCodeAt(i)
    if (d !== 0) return d < 0
  }
  return true
}

const nibble = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57)

function writeBytea(out: RowBatchWriter, buf: Buffer, start: number, end: number): void {
  if (end - start >= 2 && buf[start] === BACKSLASH && buf[start + 1] === 0x78) {
    const size = (end - start - 2) >> 1
    const bytes = room(size)
    for (let i = 0, p = start + 2; i < size; i++, p += 2) bytes[i] = (nibble(buf[p]!) << 4) | nibble(buf[p + 1]!)
    return out.bytes(bytes, 0, size)
  }
  // bytea_output = 'escape': printable ASCII as is, `\\` for a backslash, `\ooo` octal otherwise.
  const bytes = room(end - start)
  let size = 0
  for (let i = start; i < end;) {
    if (buf[i] !== BACKSLASH) bytes[size++] = buf[i++]!
    else if (buf[i + 1] === BACKSLASH) {
      bytes[size++] = BACKSLASH
      i += 2
    } else {
      bytes[size++] = ((buf[i + 1]! - 0x30) << 6) | ((buf[i + 2]! - 0x30) << 3) | (buf[i + 3]! - 0x30)
      i += 4
    }
  }
  out.bytes(bytes, 0, size)
}
