/**
 * Stable LSD radix sort of positions by float64 keys: four 16-bit passes over the keys' bits,
 * linear in the row count (a million keys in tens of milliseconds, where a comparator sort takes
 * seconds). Returns the positions in ascending key order (descending when asked), ties in position
 * order. NaN sorts after +Infinity.
 */
export function radixSortPositions(keys: Float64Array, positions: Uint32Array, descending: boolean): Uint32Array {
  const n = positions.length
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2)
  // Sortable unsigned forms of each key: [lo, hi] per position.
  const lo = new Uint32Array(n)
  const hi = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const p = positions[i]!
    const l = bits[p * 2]!
    const h = bits[p * 2 + 1]!
    // Negative: flip every bit (larger magnitude sorts first); positive: flip the sign bit.
    let sl = h & 0x80000000 ? ~l >>> 0 : l
    let sh = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0
    if (descending) {
      sl = ~sl >>> 0
      sh = ~sh >>> 0
    }
    lo[i] = sl
    hi[i] = sh
  }
  let order: Uint32Array = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let next: Uint32Array = new Uint32Array(n)
  const counts = new Uint32Array(65536)
  for (const [word, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ] as const) {
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & 0xffff]!++
    let sum = 0
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!
      counts[d] = sum
      sum += c
    }
    for (let i = 0; i < n; i++) {
      const o = order[i]!
      next[counts[(word[o]! >>> shift) & 0xffff]!++] = o
    }
    ;[order, next] = [next, order]
  }
  const out = new Uint32Array(n)
  for (let i = 0; i < n; i++) out[i] = positions[order[i]!]!
  return out
}
