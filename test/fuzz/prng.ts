/** A seeded PRNG (mulberry32): a failing fuzz run reproduces with QUARRY_FUZZ_SEED=<seed>. */
export interface Prng {
  seed: number
  /** A float in [0, 1). */
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function fuzzSeed(label: string): number {
  const given = process.env['QUARRY_FUZZ_SEED']
  const seed = given ? Number(given) >>> 0 : (Math.random() * 2 ** 32) >>> 0
  console.log(`[${label}] seed ${seed} (rerun with QUARRY_FUZZ_SEED=${seed})`)
  return seed
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    seed,
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
  }
}
