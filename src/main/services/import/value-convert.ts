import type { ImportColumn } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { normalizeTemporal, patternOf } from './temporal-formats'

/** A value ready to bind (null: NULL), or why the column cannot take it. */
export type Converted = { value: string | null } | { reason: string }

const TRUE = /^(true|t|yes|y|1)$/i
const FALSE = /^(false|f|no|n|0)$/i
const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const RANGES = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
} as const

/**
 * Turns one file value into the text bound for its column's kind: integers checked against their
 * range, dates and timestamps read in the column's format and written as ISO 8601, booleans as the
 * engine spells them. Values are only ever bound, never spliced into SQL.
 */
export function convertValue(raw: string | null, column: ImportColumn, facts: ImportFacts): Converted {
  if (raw === null) return { value: null }
  const v = raw.trim()
  switch (column.kind) {
    case 'text':
      return { value: raw }
    case 'boolean':
      if (TRUE.test(v)) return { value: facts.booleans[0] }
      if (FALSE.test(v)) return { value: facts.booleans[1] }
      return { reason: `not a boolean: ${JSON.stringify(raw)}` }
    case 'smallint':
    case 'integer':
    case 'bigint': {
      if (!INTEGER.test(v)) return { reason: `not an integer: ${JSON.stringify(raw)}` }
      const [min, max] = RANGES[column.kind]
      if (v.length <= 15) {
        // Up to 15 characters is within 2^53: a Number is exact, and cheaper than a BigInt.
        const n = Number(v)
        return n < min || n > max ? { reason: `out of range for ${column.kind}: ${v}` } : { value: String(n) }
      }
      const n = BigInt(v)
      return n < min || n > max ? { reason: `out of range for ${column.kind}: ${v}` } : { value: n.toString() }
    }
    case 'decimal':
      return DECIMAL.test(v) ? { value: v } : { reason: `not a decimal number: ${JSON.stringify(raw)}` }
    case 'double':
      return FLOAT.test(v) ? { value: v } : { reason: `not a number: ${JSON.stringify(raw)}` }
    default: {
      const withTime = column.kind !== 'date'
      const toUtc = column.kind === 'timestamptz' && !facts.zoneOffsets
      const value = normalizeTemporal(v, patternOf(column.format), withTime, toUtc)
      return value === null
        ? { reason: `not a ${column.kind} in ${column.format ?? 'YYYY-MM-DD'}: ${JSON.stringify(raw)}` }
        : { value }
    }
  }
}
