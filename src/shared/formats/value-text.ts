import { engineOf } from '../engines/engine-list'
import type { EngineId } from '../engines/engine-list'
import type { WireValue } from '../contract/values'
import { quoteIdentifier } from '../dialect/quote-identifier'

/**
 * How one wire value is written in each text format. Exact: a tagged 64-bit integer keeps every
 * digit, decimals (strings from the engine) stay as written, NULL and '' never look the same.
 */

/** The plain text of a non-NULL value (what a spreadsheet cell or a Markdown cell holds). */
export function plainText(value: Exclude<WireValue, null>): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean' || typeof value === 'number') return numberOrBool(value)
  if (value.$ === 'bytes') return `\\x${value.v}`
  return value.v
}

function numberOrBool(value: number | boolean): string {
  if (typeof value === 'boolean') return String(value)
  return Object.is(value, -0) ? '0' : String(value)
}

const NEEDS_CSV_QUOTES = /[",\r\n]|^\s|\s$/
const NEEDS_TSV_QUOTES = /["\t\r\n]/

/**
 * A CSV field (RFC 4180): quoted when it holds a quote, the separator or a line break. NULL is an
 * empty field and '' a quoted empty one (`""`), as PostgreSQL's COPY … CSV tells them apart.
 */
export function csvField(value: WireValue, separator = ','): string {
  if (value === null) return ''
  const text = plainText(value)
  if (text === '') return '""'
  const quote =
    separator === '\t' ? NEEDS_TSV_QUOTES.test(text) : NEEDS_CSV_QUOTES.test(text) || text.includes(separator)
  return quote ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * A JSON value: integers beyond 2^53 as bare number literals with every digit (JSON has no limit;
 * a reader that cares parses them exactly), NaN/Infinity as strings, binary as `\x` hex text.
 */
export function jsonValue(value: WireValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'boolean' || typeof value === 'number') return numberOrBool(value)
  if (value.$ === 'int') return /^-?\d+$/.test(value.v) ? value.v : JSON.stringify(value.v)
  return JSON.stringify(plainText(value))
}

/** A Markdown table cell: pipes escaped, line breaks as <br>, NULL as `NULL` in code. */
export function markdownCell(value: WireValue): string {
  if (value === null) return '`NULL`'
  return plainText(value)
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
}

/**
 * A SQL literal in an engine's dialect; values are written, never trusted as SQL. Literals read
 * the same whatever the session's string settings (the descriptor's `literals.backslashes`).
 */
export function sqlLiteral(value: WireValue, engine: EngineId): string {
  if (value === null) return 'NULL'
  const style = engineOf(engine).literals
  if (typeof value === 'boolean') return style.booleans === 'bits' ? (value ? '1' : '0') : value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return Number.isFinite(value) ? numberOrBool(value) : sqlString(String(value), engine)
  if (typeof value === 'string') return sqlString(value, engine)
  if (value.$ === 'int') return /^-?\d+$/.test(value.v) ? value.v : sqlString(value.v, engine)
  if (value.$ === 'float') return sqlString(value.v, engine)
  if (style.bytes === 'decode-hex') return `decode('${value.v}', 'hex')`
  if (style.bytes === 'hex') return `0x${value.v}`
  return `X'${value.v}'`
}

function sqlString(text: string, engine: EngineId): string {
  const { backslashes, unicodePrefix } = engineOf(engine).literals
  const quoted = (body: string) => `${unicodePrefix}'${body.replaceAll("'", "''")}'`
  if (!text.includes('\\') || backslashes === 'plain') return quoted(text)
  // A backslash is an escape or not depending on the session (standard_conforming_strings,
  // NO_BACKSLASH_ESCAPES): write the value in a form that does not depend on it.
  if (backslashes === 'e-string') return `E${quoted(text.replaceAll('\\', '\\\\'))}`
  return `_utf8mb4 X'${utf8Hex(text)}'`
}

const utf8Hex = (text: string): string =>
  Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** `INSERT INTO table (cols) VALUES (…);` for one row; `table` is already quoted. */
export function insertStatement(
  table: string,
  columns: readonly string[],
  row: readonly WireValue[],
  engine: EngineId,
): string {
  const names = columns.map((name) => quoteIdentifier(engine, name)).join(', ')
  const values = columns.map((_, i) => sqlLiteral(row[i] ?? null, engine)).join(', ')
  return `INSERT INTO ${table} (${names}) VALUES (${values});`
}
