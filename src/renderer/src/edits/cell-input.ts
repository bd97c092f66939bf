import type { BsonTag, WireValue } from '../../../shared/contract/values'
import { bsonInputText, parseBsonInput, parseNumberInput } from './bson-input'

/** How a column's values are edited. */
export type InputKind =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'json'
  | 'binary'
  | 'enum'
  /** A document's number (a JS number on the wire). */
  | 'number'
  /** A document's BSON value, kept with the type it was read with (`bson`). */
  | 'bson'

/** A column's editor: its kind, and the values of an enum. */
export interface InputSpec {
  kind: InputKind
  /** Allowed values of an enum column (from its declared type), else empty. */
  options: readonly string[]
  /** For 'bson': the type (and Binary subtype) the value was read with. */
  bson?: { t: BsonTag; sub?: number }
}

/** The outcome of reading an editor's text: a value to stage, or why it is not one. */
export type ParsedInput = { ok: true; value: WireValue } | { ok: false; message: string }

const INTEGER_TYPE = /^(u?(tiny|small|medium|big|huge)?int(eger)?\d*|u?int\d+|(small|big)?serial\d*|long|byte)\b/i
const DECIMAL_TYPE = /^(numeric|decimal|dec|number|money|smallmoney)\b/i
const FLOAT_TYPE = /^(real|float\d*|double( precision)?|binary_(float|double))\b/i
const BOOLEAN_TYPE = /^(bool|boolean|bit)$/i
const TIMESTAMP_TYPE = /^(timestamp|datetime|smalldatetime|datetime2|datetimeoffset)/i
const DATE_TYPE = /^date$/i
const TIME_TYPE = /^time(tz| with| without|\(|$)/i
const JSON_TYPE = /^jsonb?$/i
const BINARY_TYPE = /^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|image|bit varying)\b/i
// MySQL/MariaDB spell the values in the type; the structure adds a collation where it differs.
const ENUM_TYPE = /^enum\s*\((.*)\)(?:\s+(?:CHARACTER SET|COLLATE)\s+\S+)*$/is

/** The editor for a column, from its declared type (and, when the type says little, a value read). */
export function inputSpec(type: string | null, sample?: WireValue): InputSpec {
  const declared = (type ?? '').trim()
  const options = enumOptions(declared)
  if (options) return { kind: 'enum', options }
  const kind: InputKind = INTEGER_TYPE.test(declared)
    ? 'integer'
    : DECIMAL_TYPE.test(declared)
      ? 'decimal'
      : FLOAT_TYPE.test(declared)
        ? 'float'
        : BOOLEAN_TYPE.test(declared)
          ? 'boolean'
          : TIMESTAMP_TYPE.test(declared)
            ? 'timestamp'
            : DATE_TYPE.test(declared)
              ? 'date'
              : TIME_TYPE.test(declared)
                ? 'time'
                : JSON_TYPE.test(declared)
                  ? 'json'
                  : BINARY_TYPE.test(declared)
                    ? 'binary'
                    : kindOfValue(sample)
  return { kind, options: [] }
}

function kindOfValue(value: WireValue | undefined): InputKind {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'object' && value !== null && value.$ === 'bytes') return 'binary'
  if (typeof value === 'object' && value !== null && value.$ === 'int') return 'integer'
  return 'text'
}

/** The values of `enum('a','b')` (MySQL/MariaDB spell them in the type), or null. */
function enumOptions(type: string): string[] | null {
  const list = ENUM_TYPE.exec(type)?.[1]
  if (list === undefined) return null
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1]!.replaceAll("''", "'"))
}

const INTEGER = /^[-+]?\d+$/
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
const DATE = /^\d{4,}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i
const TIMESTAMP =
  /^\d{4,}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?|[A-Za-z_]+(\/[A-Za-z_]+)*)?)?$/

/**
 * An editor's text as the value to stage. Numbers stay exact text (never a JS number): integers
 * travel as `{ $: 'int' }`, decimals and floats as their text; JSON is checked and kept as typed;
 * binary is hex (`\x` or `0x` allowed). Nothing is rounded, trimmed or converted silently.
 */
export function parseInput(spec: InputSpec, text: string): ParsedInput {
  const bad = (message: string): ParsedInput => ({ ok: false, message })
  const trimmed = text.trim()
  switch (spec.kind) {
    case 'integer':
      if (!INTEGER.test(trimmed)) return bad('Not an integer: digits, with an optional sign')
      return { ok: true, value: { $: 'int', v: trimmed.replace(/^\+/, '').replace(/^(-?)0+(?=\d)/, '$1') } }
    case 'decimal':
      return DECIMAL.test(trimmed) ? { ok: true, value: trimmed } : bad('Not a number (e.g. -12.50 or 1e-3)')
    case 'float':
      if (/^(-?Infinity|NaN)$/.test(trimmed)) return { ok: true, value: { $: 'float', v: trimmed } }
      return DECIMAL.test(trimmed) ? { ok: true, value: trimmed } : bad('Not a number (e.g. 3.25, 1e10, NaN)')
    case 'boolean':
      if (/^(true|t|1|yes)$/i.test(trimmed)) return { ok: true, value: true }
      if (/^(false|f|0|no)$/i.test(trimmed)) return { ok: true, value: false }
      return bad('Not a boolean: true or false')
    case 'date':
      return DATE.test(trimmed) ? { ok: true, value: trimmed } : bad('Not a date: YYYY-MM-DD')
    case 'time':
      return TIME.test(trimmed) ? { ok: true, value: trimmed } : bad('Not a time: HH:MM[:SS[.fff]][±HH:MM]')
    case 'timestamp':
      return TIMESTAMP.test(trimmed)
        ? { ok: true, value: trimmed }
        : bad('Not a timestamp: YYYY-MM-DD HH:MM[:SS[.ffffff]][±HH:MM]')
    case 'json':
      try {
        JSON.parse(text)
        return { ok: true, value: text }
      } catch (error) {
        return bad(`Not JSON: ${error instanceof Error ? error.message : String(error)}`)
      }
    case 'binary': {
      const hex = trimmed.replace(/^(\\x|0x)/i, '').replace(/\s+/g, '')
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return bad('Not hex: pairs of 0-9, a-f (\\x or 0x allowed)')
      return { ok: true, value: { $: 'bytes', v: hex.toLowerCase(), n: hex.length / 2 } }
    }
    case 'enum':
      return spec.options.includes(text) ? { ok: true, value: text } : bad(`Not one of ${spec.options.join(', ')}`)
    case 'text':
      return { ok: true, value: text }
    case 'number':
      return parseNumberInput(text)
    case 'bson':
      return spec.bson ? parseBsonInput(spec.bson.t, spec.bson.sub, text) : { ok: true, value: text }
  }
}

/**
 * A value as the editor's starting text (null when it cannot be edited as text: binary or text
 * the result holds only in part). NULL starts empty.
 */
export function inputText(value: WireValue): string | null {
  if (value === null) return ''
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  if (typeof value === 'string') return value
  if (value.$ === 'bytes') return value.v.length === value.n * 2 ? `\\x${value.v}` : null
  if (value.$ === 'bson') return bsonInputText(value)
  return value.v
}
