/** Buffers of SQLite's column encoder: growth, and offsets of joined text found in its UTF-8. */

/** Grows a typed array to hold `need` elements (doubling; contents kept). */
export function grown<T extends Uint32Array | Float64Array | Uint8Array>(array: T, need: number): T {
  if (need <= array.length) return array
  let size = Math.max(16, array.length * 2)
  while (size < need) size *= 2
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array)
  return next
}

/**
 * Turns offsets in UTF-16 units of joined text into offsets in its UTF-8 bytes, in place. False
 * when a cell boundary falls inside a surrogate pair (a lone high surrogate ending one cell and a
 * lone low one starting the next joined into a pair): those cells must go one by one.
 */
export function utf8Offsets(utf8: Uint8Array, offsets: Uint32Array, rows: number): boolean {
  let unit = 0
  let byte = 0
  for (let r = 1; r <= rows; r++) {
    const target = offsets[r]!
    while (unit < target) {
      const b = utf8[byte]!
      if (b < 0x80) byte++
      else if (b < 0xe0) byte += 2
      else if (b < 0xf0) byte += 3
      else {
        byte += 4
        unit++
      }
      unit++
    }
    if (unit !== target) return false
    offsets[r] = byte
  }
  return true
}
