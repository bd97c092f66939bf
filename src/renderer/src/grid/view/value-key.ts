import type { WireValue } from '../../../../shared/contract/values'

/**
 * A value's identity for filtering: its type and exact text, so 1 (number), '1' (text) and NULL
 * stay apart while two cells holding the same value compare equal.
 */
export function valueKey(value: WireValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return `s:${value}`
  if (typeof value === 'number') return `n:${value}`
  if (typeof value === 'boolean') return `b:${value}`
  if (value.$ === 'int') return `n:${value.v}`
  if (value.$ === 'bson') return `bson:${value.t}:${value.sub ?? ''}:${value.v}`
  return `${value.$}:${value.v}`
}
