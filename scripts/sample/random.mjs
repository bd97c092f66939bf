// Deterministic pseudo-random numbers for the sample database.
// Nothing here may read the clock, the environment or Math.random: the same seed must give the same data.

/**
 * 32-bit FNV-1a hash of a string, used to derive independent seeds from stream names
 * (so changing the size of one table never changes the contents of another).
 * @param {string} text
 * @returns {number}
 */
export function seedFrom(text) {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: small, fast, good enough for synthetic data. */
export class Random {
  /** @param {number | string} seed */
  constructor(seed) {
    /** @type {number} */
    this.state = (typeof seed === 'string' ? seedFrom(seed) : seed) | 0
  }

  /** @returns {number} an unsigned 32-bit integer */
  u32() {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** @returns {number} a float in [0, 1) */
  next() {
    return this.u32() / 4294967296
  }

  /**
   * @param {number} min
   * @param {number} max inclusive
   * @returns {number} an integer in [min, max]
   */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /**
   * @param {number} min
   * @param {number} max
   * @returns {number} a float in [min, max)
   */
  float(min, max) {
    return min + this.next() * (max - min)
  }

  /**
   * @param {number} probability
   * @returns {boolean}
   */
  chance(probability) {
    return this.next() < probability
  }

  /**
   * @template T
   * @param {readonly T[]} items
   * @returns {T}
   */
  pick(items) {
    return /** @type {T} */ (items[Math.floor(this.next() * items.length)])
  }

  /**
   * An index in [0, n) biased towards 0 (a few "heavy" customers, popular products, ...).
   * @param {number} n
   * @param {number} [skew] exponent > 1 makes low indexes more likely
   * @returns {number}
   */
  skewedIndex(n, skew = 2) {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), skew)))
  }

  /** @returns {bigint} uniform over the full signed 64-bit range */
  int64() {
    const hi = this.u32()
    const lo = this.u32()
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo))
  }

  /**
   * @param {number} length
   * @returns {Buffer}
   */
  bytes(length) {
    const out = Buffer.alloc(length)
    for (let i = 0; i < length; i += 4) {
      const word = this.u32()
      out[i] = word & 0xff
      if (i + 1 < length) out[i + 1] = (word >>> 8) & 0xff
      if (i + 2 < length) out[i + 2] = (word >>> 16) & 0xff
      if (i + 3 < length) out[i + 3] = word >>> 24
    }
    return out
  }

  /**
   * @param {number} length number of hex digits
   * @param {boolean} [upper]
   * @returns {string}
   */
  hex(length, upper = false) {
    let out = ''
    while (out.length < length) out += this.u32().toString(16).padStart(8, '0')
    out = out.slice(0, length)
    return upper ? out.toUpperCase() : out
  }

  /**
   * Fills a pattern: '#' becomes a digit, 'A' an upper-case letter, anything else is kept.
   * @param {string} pattern
   * @returns {string}
   */
  pattern(pattern) {
    let out = ''
    for (const ch of pattern) {
      if (ch === '#') out += String.fromCharCode(48 + this.int(0, 9))
      else if (ch === 'A') out += String.fromCharCode(65 + this.int(0, 25))
      else out += ch
    }
    return out
  }

  /**
   * Fisher–Yates, in place.
   * @template T
   * @param {T[]} items
   * @returns {T[]}
   */
  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = /** @type {T} */ (items[i])
      items[i] = /** @type {T} */ (items[j])
      items[j] = tmp
    }
    return items
  }
}

/**
 * Precomputes a weighted choice.
 * @template T
 * @param {ReadonlyArray<readonly [T, number]>} entries value and relative weight
 * @returns {(rng: Random) => T}
 */
export function weighted(entries) {
  const values = entries.map((e) => e[0])
  /** @type {number[]} */
  const cumulative = []
  let total = 0
  for (const [, weight] of entries) {
    total += weight
    cumulative.push(total)
  }
  return (rng) => {
    const x = rng.next() * total
    for (let i = 0; i < cumulative.length; i++) {
      if (x < /** @type {number} */ (cumulative[i])) return /** @type {T} */ (values[i])
    }
    return /** @type {T} */ (values[values.length - 1])
  }
}
