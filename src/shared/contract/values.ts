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

/** A batch of rows (WireValue[][]) already serialised as JSON text, encoded off the hot path. */
export type EncodedRows = string & { readonly __encodedRows: unique symbol }

export const encodeRows = (rows: readonly (readonly WireValue[])[]): EncodedRows => JSON.stringify(rows) as EncodedRows

export const decodeRows = (encoded: EncodedRows): WireValue[][] => JSON.parse(encoded) as WireValue[][]

export const isTagged = (value: WireValue): value is TaggedValue => typeof value === 'object' && value !== null
