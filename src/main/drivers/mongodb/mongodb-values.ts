import { ABSENT_FIELD } from '../../../shared/contract'
import type { BsonTag, WireValue } from '../../../shared/contract'

/** The BSON wrapper classes carry their type name here (bson's own discriminator). */
type Tagged = { _bsontype: string } & Record<string, unknown>

const bsonType = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && typeof (value as Tagged)._bsontype === 'string'
    ? (value as Tagged)._bsontype
    : null

const tag = (t: BsonTag, v: string, sub?: number): WireValue =>
  sub === undefined ? { $: 'bson', t, v } : { $: 'bson', t, v, sub }

/** A field a document does not have (rows are by column; the column came from other documents). */
export const ABSENT: WireValue = ABSENT_FIELD

/** A Date as UTC ISO-8601 with milliseconds; dates beyond what ISO strings hold keep their milliseconds. */
export function isoDate(date: Date): string {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) return 'Invalid Date'
  return ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999 ? date.toISOString() : String(ms)
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')

const double = (n: number): WireValue => (Number.isFinite(n) ? n : { $: 'float', v: String(n) })

/**
 * One top-level field as a grid cell: JSON where JSON is exact, a `bson` tag for every type JSON
 * lacks, nested documents and arrays as compact shell text (see shellText). Read with
 * promoteValues off, so Int32 and Double arrive as wrappers and Long never as a lossy number.
 */
export function toWireValue(value: unknown): WireValue {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return double(value)
    case 'bigint':
      return tag('Long', value.toString())
  }
  if (value instanceof Date) return tag('Date', isoDate(value))
  if (Array.isArray(value)) return tag('Array', shellText(value))
  const type = bsonType(value)
  const v = value as Tagged
  switch (type) {
    case 'Int32':
    case 'Double':
      return double((v as unknown as { value: number }).value)
    case 'Long':
      return tag('Long', String(v))
    case 'Decimal128':
      return tag('Decimal128', String(v))
    case 'ObjectId':
      return tag('ObjectId', (v as unknown as { toHexString(): string }).toHexString())
    case 'Binary': {
      const binary = v as unknown as { sub_type: number; value(): Uint8Array }
      return tag('Binary', hex(binary.value()), binary.sub_type)
    }
    case 'Timestamp': {
      const ts = v as unknown as { t: number; i: number }
      return tag('Timestamp', `${ts.t}:${ts.i}`)
    }
    case 'BSONRegExp': {
      const re = v as unknown as { pattern: string; options: string }
      return tag('RegExp', regexText(re.pattern, re.options))
    }
    case 'MinKey':
    case 'MaxKey':
      return tag(type, type)
    case 'Code':
      return tag('Code', String((v as unknown as { code: string }).code))
    case 'BSONSymbol':
      return String((v as unknown as { value: string }).value)
  }
  return tag('Object', shellText(value))
}

/** `/pattern/flags`, every unescaped slash of the pattern escaped so the text reads back whole. */
function regexText(pattern: string, flags: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '')
      i++
    } else out += ch === '/' ? '\\/' : ch
  }
  return `/${out}/${flags}`
}

const key = (name: string): string => JSON.stringify(name)

/** A number as the shell reads it back exactly (shortest round-trip text; NaN and ±Infinity by name). */
const numberText = (n: number): string => (Object.is(n, -0) ? '-0' : String(n))

/**
 * A value as compact shell text — what mongosh prints, on one line, and what Quarry's shell parser
 * reads back to the same BSON: `{"a":1,"id":ObjectId("…"),"at":ISODate("…Z"),"n":NumberLong("…")}`.
 */
export function shellText(value: unknown, depth = 0): string {
  if (depth > 200) return '"…"'
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return String(value)
    case 'number':
      return numberText(value)
    case 'bigint':
      return `NumberLong("${value}")`
  }
  if (value instanceof Date) {
    const text = isoDate(value)
    return /^-?\d+$/.test(text) || text === 'Invalid Date' ? `new Date(${value.getTime()})` : `ISODate("${text}")`
  }
  if (Array.isArray(value)) return `[${value.map((item) => shellText(item, depth + 1)).join(',')}]`
  const type = bsonType(value)
  const v = value as Tagged
  switch (type) {
    case 'Int32':
      return String((v as unknown as { value: number }).value)
    case 'Double': {
      const n = (v as unknown as { value: number }).value
      // A whole double keeps its ".0" here, so it reads back as a double, not an integer.
      return Number.isInteger(n) && !Object.is(n, -0) && Math.abs(n) < 1e21 ? `${n}.0` : numberText(n)
    }
    case 'Long':
      return `NumberLong("${String(v)}")`
    case 'Decimal128':
      return `NumberDecimal("${String(v)}")`
    case 'ObjectId':
      return `ObjectId("${(v as unknown as { toHexString(): string }).toHexString()}")`
    case 'Binary': {
      const binary = v as unknown as { sub_type: number; value(): Uint8Array }
      return `Binary.createFromHexString("${hex(binary.value())}",${binary.sub_type})`
    }
    case 'Timestamp': {
      const ts = v as unknown as { t: number; i: number }
      return `Timestamp({"t":${ts.t},"i":${ts.i}})`
    }
    case 'BSONRegExp': {
      const re = v as unknown as { pattern: string; options: string }
      return regexText(re.pattern, re.options)
    }
    case 'MinKey':
    case 'MaxKey':
      return `${type}()`
    case 'Code':
      return JSON.stringify(String((v as unknown as { code: string }).code))
    case 'BSONSymbol':
      return JSON.stringify(String((v as unknown as { value: string }).value))
    case 'DBRef': {
      const ref = v as unknown as { toJSON(): Record<string, unknown> }
      return shellText(ref.toJSON(), depth + 1)
    }
  }
  const entries = Object.entries(value as Record<string, unknown>)
  return `{${entries.map(([name, item]) => `${key(name)}:${shellText(item, depth + 1)}`).join(',')}}`
}
