import type { WireValue } from '../../../shared/contract/values'

/** Exact equality of two wire values (tagged ones compared field by field; 1 and '1' differ). */
export function sameValue(a: WireValue, b: WireValue): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (a.$ !== b.$ || a.v !== b.v) return false
  if (a.$ === 'bytes' && b.$ === 'bytes') return a.n === b.n
  if (a.$ === 'bson' && b.$ === 'bson') return a.t === b.t && a.sub === b.sub
  return true
}
