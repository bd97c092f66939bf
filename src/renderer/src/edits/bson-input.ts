import { BSON_TAG_NAMES } from '../../../shared/contract/values'
import type { BsonTag, WireValue } from '../../../shared/contract/values'
import { parseShellValue } from '../../../shared/mongo-shell/shell-parser'

/** The outcome of reading an editor's text (as cell-input's ParsedInput). */
type Parsed = { ok: true; value: WireValue } | { ok: false; message: string }

/** BSON types whose value is edited as its text (MinKey, MaxKey and Absent have none). */
const EDITABLE: ReadonlySet<BsonTag> = new Set(
  BSON_TAG_NAMES.filter((tag) => tag !== 'MinKey' && tag !== 'MaxKey' && tag !== 'Absent'),
)

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** A tagged value's text to edit (null: not editable as text). */
export function bsonInputText(value: Extract<WireValue, { $: 'bson' }>): string | null {
  if (value.t === 'Absent') return ''
  return EDITABLE.has(value.t) ? value.v : null
}

function shell(text: string, kind: 'object' | 'array' | 'regex'): string | null {
  try {
    return parseShellValue(text).kind === kind
      ? null
      : `Not ${kind === 'object' ? 'a document { … }' : kind === 'array' ? 'an array [ … ]' : 'a /regex/'}`
  } catch (error) {
    return `Cannot read it: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** Why `text` is not a value of this BSON type, or null when it is (main checks it again exactly). */
function problem(t: BsonTag, text: string): string | null {
  switch (t) {
    case 'ObjectId':
      return /^[0-9a-fA-F]{24}$/.test(text) ? null : 'Not an ObjectId: 24 hex digits'
    case 'Long': {
      if (!/^-?\d{1,20}$/.test(text)) return 'Not a 64-bit integer: digits, with an optional minus'
      const n = BigInt(text)
      return n >= LONG_MIN && n <= LONG_MAX ? null : 'Out of the 64-bit integer range'
    }
    case 'Decimal128':
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-?(Infinity|NaN)$/.test(text) ? null : 'Not a decimal number'
    case 'Date':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(text) && !Number.isNaN(Date.parse(text))
        ? null
        : 'Not a UTC date: YYYY-MM-DDTHH:MM:SS.sssZ'
    case 'Binary':
      return /^(?:[0-9a-fA-F]{2})*$/.test(text) ? null : 'Not hex: pairs of 0-9, a-f'
    case 'Timestamp': {
      const match = /^(\d{1,10}):(\d{1,10})$/.exec(text)
      return match && Number(match[1]) < 2 ** 32 && Number(match[2]) < 2 ** 32 ? null : 'Not a timestamp: t:i'
    }
    case 'Object':
      return shell(text, 'object')
    case 'Array':
      return shell(text, 'array')
    case 'RegExp':
      return shell(text, 'regex')
    default:
      return null
  }
}

/**
 * An edited BSON value: the same type (and Binary subtype) it was read with, the new text as the
 * wire form carries it, so a Long stays a Long and an ObjectId an ObjectId.
 */
export function parseBsonInput(t: BsonTag, sub: number | undefined, text: string): Parsed {
  const trimmed = t === 'Object' || t === 'Array' || t === 'Code' ? text : text.trim()
  const why = problem(t, trimmed)
  if (why) return { ok: false, message: why }
  const v = t === 'Binary' || t === 'ObjectId' ? trimmed.toLowerCase() : trimmed
  return { ok: true, value: sub === undefined ? { $: 'bson', t, v } : { $: 'bson', t, v, sub } }
}

/** A document number (a JS number on the wire: Int32 or Double), NaN and ±Infinity tagged. */
export function parseNumberInput(text: string): Parsed {
  const trimmed = text.trim()
  if (/^(-?Infinity|NaN)$/.test(trimmed)) return { ok: true, value: { $: 'float', v: trimmed as 'NaN' } }
  const value = Number(trimmed)
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) || !Number.isFinite(value))
    return { ok: false, message: 'Not a number (e.g. 42, -3.5, 1e10)' }
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    return { ok: false, message: 'Beyond 2^53 a number is not exact: make the field a Long' }
  return { ok: true, value }
}
