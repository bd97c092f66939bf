/**
 * Cell values on the wire. Plain JSON values where JSON is exact; tagged objects where it is not,
 * so every value survives both transports (structured clone and WebSocket JSON) unchanged.
 */
export type WireValue = null | boolean | number | string | TaggedValue

export type TaggedValue =
  /** An integer outside ±(2^53−1), as its exact decimal text. */
  | { $: 'int'; v: string }
  /** Binary data as lowercase hex; n is the full length in bytes. */
  | { $: 'bytes'; v: string; n: number }
  /** A floating-point value JSON cannot carry: 'Infinity', '-Infinity' or 'NaN'. */
  | { $: 'float'; v: string }
  /**
   * A BSON value JSON has no type for (document engines). `v` is its exact text: hex digits for
   * ObjectId and Binary (with its subtype in `sub`), decimal digits for Long and Decimal128, UTC
   * ISO-8601 with milliseconds for Date, `t:i` for Timestamp, and for Object and Array the compact
   * shell text of the whole value (read back with src/shared/mongo-shell). Absent marks a field a
   * document does not have (distinct from null).
   */
  | { $: 'bson'; t: BsonTag; v: string; sub?: number }

/**
 * Types carried by the `bson` tag. The order is part of the row-batch format (a batch stores a
 * type as its index here): append only.
 */
export const BSON_TAG_NAMES = [
  'ObjectId',
  'Long',
  'Decimal128',
  'Date',
  'Binary',
  'Timestamp',
  'RegExp',
  'Object',
  'Array',
  'MinKey',
  'MaxKey',
  'Code',
  'Absent',
] as const

export type BsonTag = (typeof BSON_TAG_NAMES)[number]

/** The cell of a field a document does not have (not null: the field is absent). */
export const ABSENT_FIELD: WireValue = Object.freeze({ $: 'bson', t: 'Absent', v: '' }) as WireValue

export const isTagged = (value: WireValue): value is TaggedValue => typeof value === 'object' && value !== null
