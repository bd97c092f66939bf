import type { WireValue } from '../../../shared/contract'

/**
 * A catalog statement's cells as wire values: text, numbers, booleans and NULL as they are; a
 * 64-bit integer as a number when exact, else as its decimal text; anything else as its text.
 */
export function catalogCells(rows: readonly (readonly unknown[])[]): WireValue[][] {
  return rows.map((row) => row.map(catalogCell))
}

function catalogCell(value: unknown): WireValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : { $: 'int', v: value.toString() }
  }
  return String(value)
}
