import type { WireValue } from '../../../shared/contract'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = -MAX_SAFE

/**
 * One cell as better-sqlite3 returns it with safeIntegers on (INTEGER → bigint, REAL → number,
 * TEXT → string, BLOB → Buffer, NULL → null) in its exact wire form.
 */
export function toWireValue(cell: unknown): WireValue {
  switch (typeof cell) {
    case 'bigint':
      return cell >= MIN_SAFE && cell <= MAX_SAFE ? Number(cell) : { $: 'int', v: cell.toString() }
    case 'number':
    case 'string':
      return cell
    case 'object':
      if (cell === null) return null
      if (Buffer.isBuffer(cell)) return { $: 'bytes', v: cell.toString('hex'), n: cell.length }
      break
  }
  throw new TypeError(`Unexpected SQLite value of type ${typeof cell}`)
}

/** Converts a raw row in place: better-sqlite3 hands out a fresh array per row, so we own it. */
export function toWireRow(row: unknown[]): WireValue[] {
  for (let i = 0; i < row.length; i++) row[i] = toWireValue(row[i])
  return row as WireValue[]
}
