import { ENGINES } from './measures'
import type { BenchEngine } from './measures'

/** What a bench run does, from the environment. */
export interface BenchConfig {
  /** Rows of the big table (QUARRY_BENCH_ROWS, default 1,000,000). */
  rows: number
  /** Repetitions of each measure; the report gives medians (QUARRY_BENCH_RUNS, default 3). */
  runs: number
  /** Engines to measure (QUARRY_BENCH_ENGINES, comma-separated, default all). */
  engines: BenchEngine[]
}

const positiveInt = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined || text.trim() === '') return fallback
  const value = Number(text.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`)
  return value
}

/** Reads the bench's settings; a bad value is an error that says which and why. */
export function readConfig(env: Record<string, string | undefined>): BenchConfig {
  const rows = positiveInt('QUARRY_BENCH_ROWS', env['QUARRY_BENCH_ROWS'], 1_000_000)
  const runs = positiveInt('QUARRY_BENCH_RUNS', env['QUARRY_BENCH_RUNS'], 3)
  const listed = env['QUARRY_BENCH_ENGINES']?.trim()
  const engines = listed ? listed.split(',').map((name) => name.trim().toLowerCase()) : [...ENGINES]
  const unknown = engines.filter((name) => !(ENGINES as readonly string[]).includes(name))
  if (unknown.length)
    throw new Error(`QUARRY_BENCH_ENGINES: unknown engine(s) ${unknown.join(', ')}; use ${ENGINES.join(', ')}`)
  // Report order, whatever the order given.
  return { rows, runs, engines: ENGINES.filter((engine) => engines.includes(engine)) }
}
