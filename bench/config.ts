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
  /** Rows of the table the open measures, per engine (QUARRY_BENCH_OPEN_ROWS, default 100,000,000, capped where noted). */
  openRows: Record<BenchEngine, number>
  /** Why an engine's open table has fewer rows than the default, where it has. */
  openCaps: Partial<Record<BenchEngine, string>>
  /** Rows of the CSV the import case loads (QUARRY_BENCH_IMPORT_ROWS, default 1,000,000). */
  importRows: number
  /**
   * Which cases run (QUARRY_BENCH_CASES, comma-separated: stream, open, import; default all).
   * `stream` is the big-table and events reads, in process and in Chromium, and the tree.
   */
  cases: BenchCase[]
}

export const CASES = ['stream', 'open', 'import'] as const
export type BenchCase = (typeof CASES)[number]

/** The table-open case's default size: the 100M-row table. */
export const OPEN_ROWS = 100_000_000

/**
 * Engines whose 100M rows take more than 5 minutes to generate on the bench machine (2 cores; measured
 * 2026-12-06 at load average 17–19, by CPU time: PostgreSQL 12 s per 10M rows, SQLite 75 s and DuckDB
 * 90 s for 100M, MariaDB 26 s per 10M):
 * their default is capped (an explicit QUARRY_BENCH_OPEN_ROWS still applies), and the report says why.
 */
export const OPEN_ROWS_CAPS: Partial<Record<BenchEngine, { rows: number; why: string }>> = {
  mysql: {
    rows: 20_000_000,
    why:
      "MariaDB's server spends 26 s of CPU per 10M rows generated (89 s wall at load average 18), so 100M " +
      'would take 4.5 min of CPU alone and about 15 min on a loaded 2-core machine (set QUARRY_BENCH_OPEN_ROWS ' +
      'to generate them anyway)',
  },
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
  const given = env['QUARRY_BENCH_OPEN_ROWS']?.trim() ? env['QUARRY_BENCH_OPEN_ROWS'] : undefined
  const open = positiveInt('QUARRY_BENCH_OPEN_ROWS', given, OPEN_ROWS)
  const listed = env['QUARRY_BENCH_ENGINES']?.trim()
  const engines = listed ? listed.split(',').map((name) => name.trim().toLowerCase()) : [...ENGINES]
  const unknown = engines.filter((name) => !(ENGINES as readonly string[]).includes(name))
  if (unknown.length)
    throw new Error(`QUARRY_BENCH_ENGINES: unknown engine(s) ${unknown.join(', ')}; use ${ENGINES.join(', ')}`)
  const openRows = {} as Record<BenchEngine, number>
  const openCaps: Partial<Record<BenchEngine, string>> = {}
  for (const engine of ENGINES) {
    const cap = given === undefined ? OPEN_ROWS_CAPS[engine] : undefined
    openRows[engine] = cap ? Math.min(open, cap.rows) : open
    if (cap && cap.rows < open) openCaps[engine] = cap.why
  }
  const importRows = positiveInt('QUARRY_BENCH_IMPORT_ROWS', env['QUARRY_BENCH_IMPORT_ROWS'], 1_000_000)
  const listedCases = env['QUARRY_BENCH_CASES']?.trim()
  const cases = listedCases ? listedCases.split(',').map((name) => name.trim().toLowerCase()) : [...CASES]
  const unknownCases = cases.filter((name) => !(CASES as readonly string[]).includes(name))
  if (unknownCases.length)
    throw new Error(`QUARRY_BENCH_CASES: unknown case(s) ${unknownCases.join(', ')}; use ${CASES.join(', ')}`)
  // Report order, whatever the order given.
  return {
    rows,
    runs,
    engines: ENGINES.filter((engine) => engines.includes(engine)),
    openRows,
    openCaps,
    importRows,
    cases: CASES.filter((c) => cases.includes(c)),
  }
}
