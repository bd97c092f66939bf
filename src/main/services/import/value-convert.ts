import type { ImportColumn } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { normalizeTemporal, patternOf } from './temporal-formats'

/** A value ready to bind (null: NULL), or why the column cannot take it. */
export type Converted = { value: string | null } | { reason: string }

/** What a compiled converter returns for a value its column cannot take. */
export const INVALID: unique symbol = Symbol('invalid')

/**
 * One column's conversion, compiled once per import: `convert` gives the text bound for a value
 * (null: NULL) or INVALID, with no object made per value (the hot path); `reason` says why a value
 * was INVALID (asked only for the rows that fail).
 */
export interface ColumnConverter {
  convert(raw: string | null): string | null | typeof INVALID
  reason(raw: string): string
}

const TRUE = /^(true|t|yes|y|1)$/i
const FALSE = /^(false|f|no|n|0)$/i
const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const RANGES = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [-9223372036854775808n, 9223372036854775807n],
} as const

/** Whether `v` has a blank at either end (trim() makes a new string: only when needed). */
const padded = (v: string): boolean => v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32)
const trimmed = (raw: string): string => (padded(raw) ? raw.trim() : raw)
const quoted = JSON.stringify

function integerConverter(kind: 'smallint' | 'integer' | 'bigint'): ColumnConverter {
  const [min, max] = RANGES[kind]
  const outOfRange = (v: string): boolean => {
    // Up to 15 characters is within 2^53: a Number is exact, and cheaper than a BigInt.
    if (v.length <= 15) return Number(v) < min || Number(v) > max
    return kind !== 'bigint' || BigInt(v) < RANGES.bigint[0] || BigInt(v) > RANGES.bigint[1]
  }
  const canonical = (v: string): string => (v.length <= 15 ? String(Number(v)) : BigInt(v).toString())
  return {
    convert(raw) {
      if (raw === null) return null
      const v = trimmed(raw)
      if (!INTEGER.test(v) || outOfRange(v)) return INVALID
      // Digits only, no leading zero: already the canonical text.
      const c = v.charCodeAt(0)
      return c > 48 && c <= 57 ? v : canonical(v)
    },
    reason(raw) {
      const v = raw.trim()
      return INTEGER.test(v) ? `out of range for ${kind}: ${v}` : `not an integer: ${quoted(raw)}`
    },
  }
}

const patternConverter = (pattern: RegExp, what: string): ColumnConverter => ({
  convert(raw) {
    if (raw === null) return null
    const v = trimmed(raw)
    return pattern.test(v) ? v : INVALID
  },
  reason: (raw) => `not ${what}: ${quoted(raw)}`,
})

/**
 * Compiles the conversion of one column: integers checked against their range, dates and
 * timestamps read in the column's format and written as ISO 8601, booleans as the engine spells
 * them, text as it is. Values are only ever bound (or sent in the engine's bulk format), never
 * spliced into SQL.
 */
export function columnConverter(column: ImportColumn, facts: ImportFacts): ColumnConverter {
  switch (column.kind) {
    case 'text':
      return { convert: (raw) => raw, reason: () => '' }
    case 'boolean': {
      const [yes, no] = facts.booleans
      return {
        convert(raw) {
          if (raw === null) return null
          const v = trimmed(raw)
          return TRUE.test(v) ? yes : FALSE.test(v) ? no : INVALID
        },
        reason: (raw) => `not a boolean: ${quoted(raw)}`,
      }
    }
    case 'smallint':
    case 'integer':
    case 'bigint':
      return integerConverter(column.kind)
    case 'decimal':
      return patternConverter(DECIMAL, 'a decimal number')
    case 'double':
      return patternConverter(FLOAT, 'a number')
    default: {
      const withTime = column.kind !== 'date'
      const toUtc = column.kind === 'timestamptz' && !facts.zoneOffsets
      const pattern = patternOf(column.format)
      return {
        convert(raw) {
          if (raw === null) return null
          return normalizeTemporal(trimmed(raw), pattern, withTime, toUtc) ?? INVALID
        },
        reason: (raw) => `not a ${column.kind} in ${column.format ?? 'YYYY-MM-DD'}: ${quoted(raw)}`,
      }
    }
  }
}

/** One value converted for its column (a converter compiled for it alone). */
export function convertValue(raw: string | null, column: ImportColumn, facts: ImportFacts): Converted {
  const converter = columnConverter(column, facts)
  const value = converter.convert(raw)
  return value === INVALID ? { reason: converter.reason(raw!) } : { value }
}
