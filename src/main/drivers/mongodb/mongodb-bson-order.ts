import type { WireValue } from '../../../shared/contract'

/**
 * BSON types in the order MongoDB sorts them (its canonical type order: numbers of every width
 * compare as one bracket, strings with symbols), each with the `$type` aliases that match it. A
 * range operator ($gt, $lt) only matches values of its operand's bracket, so a keyset that must
 * follow the sort across types adds the brackets that sort after (or before) the last value's.
 */
const BRACKETS: readonly (readonly string[])[] = [
  ['minKey'],
  ['undefined'],
  ['null'],
  ['number'],
  ['string', 'symbol'],
  ['object'],
  ['array'],
  ['binData'],
  ['objectId'],
  ['bool'],
  ['date'],
  ['timestamp'],
  ['regex'],
  ['dbPointer'],
  ['javascript'],
  ['javascriptWithScope'],
  ['maxKey'],
]

const BY_TAG: Record<string, string> = {
  MinKey: 'minKey',
  Long: 'number',
  Decimal128: 'number',
  Object: 'object',
  Array: 'array',
  Binary: 'binData',
  ObjectId: 'objectId',
  Date: 'date',
  Timestamp: 'timestamp',
  RegExp: 'regex',
  Code: 'javascript',
  MaxKey: 'maxKey',
}

/** The bracket (index into the sort order) of a grid cell as toWireValue wrote it; null for an absent field. */
export function bracketOf(value: WireValue): number | null {
  const alias =
    value === null
      ? 'null'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'string'
          ? 'string'
          : typeof value === 'boolean'
            ? 'bool'
            : value.$ === 'float' || value.$ === 'int'
              ? 'number'
              : value.$ === 'bytes'
                ? 'binData'
                : (BY_TAG[value.t] ?? null)
  return alias === null ? null : BRACKETS.findIndex((aliases) => aliases[0] === alias)
}

/** The `$type` aliases of every bracket sorting after `bracket` (descending: before it). */
export function bracketsBeyond(bracket: number, descending: boolean): string[] {
  return (descending ? BRACKETS.slice(0, bracket) : BRACKETS.slice(bracket + 1)).flat()
}

/** Brackets holding one value only (nothing of the bracket sorts after or before it). */
export const isSingleValueBracket = (bracket: number): boolean =>
  ['minKey', 'undefined', 'null', 'maxKey'].includes(BRACKETS[bracket]![0]!)
