import { describe, expect, it } from 'vitest'
import { OPEN_ROWS_CAPS, readConfig } from '../../bench/config'
import type { MeasureSpec } from '../../bench/measures'
import type { RunRecord } from '../../bench/probes'
import { formatGoal, formatMarkdown, formatTable, formatValue } from '../../bench/report'
import { frameDeltas, invalidRun } from '../../bench/run-checks'
import { median, meetsGoal, percentile, ratio, summarise } from '../../bench/summary'

describe('median and percentile', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
  })

  it('has no median without finite values', () => {
    expect(median([])).toBeNull()
    expect(median([Number.NaN, Number.POSITIVE_INFINITY])).toBeNull()
    expect(median([Number.NaN, 5])).toBe(5)
  })

  it('takes percentiles by nearest rank', () => {
    const frames = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(frames, 95)).toBe(95)
    expect(percentile(frames, 100)).toBe(100)
    expect(percentile([16, 17, 250], 95)).toBe(250)
    expect(percentile([], 95)).toBeNull()
  })
})

describe('ratio and goals', () => {
  it('divides by the reference, and has none without it', () => {
    expect(ratio(210_000, 350_000)).toBeCloseTo(0.6)
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(null, 5)).toBeNull()
  })

  it('judges bounds on the value and ratio goals on the ratio', () => {
    expect(meetsGoal({ max: 150 }, 150, null)).toBe(true)
    expect(meetsGoal({ max: 150 }, 151, null)).toBe(false)
    expect(meetsGoal({ min: 10 }, 9, null)).toBe(false)
    expect(meetsGoal({ minRatio: 0.6 }, 1_000_000, 0.59)).toBe(false)
    expect(meetsGoal({ minRatio: 0.6 }, 1, 0.61)).toBe(true)
    expect(meetsGoal(null, 5, null)).toBeNull()
    expect(meetsGoal({ max: 1 }, null, null)).toBeNull()
  })
})

const SPECS: MeasureSpec[] = [
  { id: 'raw', label: 'raw', unit: 'rows/s' },
  { id: 'e2e', label: 'end to end', unit: 'rows/s', reference: 'raw', goal: () => ({ minRatio: 0.6 }) },
  { id: 'cancel', label: 'cancel', unit: 'ms', goal: (engine) => ({ max: engine === 'sqlite' ? 250 : 100 }) },
]

describe('summarise', () => {
  it('gives medians, ratios to the reference and verdicts per engine', () => {
    const rows = summarise(
      {
        postgres: { raw: [300_000, 400_000, 350_000], e2e: [200_000, 250_000, 100_000], cancel: [90, 120, 110] },
        sqlite: { cancel: [200] },
      },
      [],
      SPECS,
    )
    const e2e = rows.find((r) => r.engine === 'postgres' && r.measure === 'e2e')!
    expect(e2e.median).toBe(200_000)
    expect(e2e.ratio).toBeCloseTo(200_000 / 350_000)
    expect(e2e.meets).toBe(false)
    expect(rows.find((r) => r.engine === 'postgres' && r.measure === 'cancel')).toMatchObject({
      median: 110,
      meets: false,
    })
    expect(rows.find((r) => r.engine === 'sqlite' && r.measure === 'cancel')).toMatchObject({
      median: 200,
      meets: true,
    })
    expect(rows.filter((r) => r.engine === 'sqlite')).toHaveLength(1)
  })

  it('reports a measure whose every run was rejected as invalid, with the reasons', () => {
    const rows = summarise(
      { mysql: { raw: [400_000] } },
      [{ engine: 'mysql', measure: 'e2e', reason: 'the store holds 999 rows, not 1000' }],
      SPECS,
    )
    const e2e = rows.find((r) => r.measure === 'e2e')!
    expect(e2e.median).toBeNull()
    expect(e2e.meets).toBeNull()
    expect(e2e.missing).toBe('invalid: the store holds 999 rows, not 1000')
  })
})

describe('formatting', () => {
  it('writes figures in their units', () => {
    expect(formatValue(352_417, 'rows/s')).toBe('352k rows/s')
    expect(formatValue(41.4, 'ms')).toBe('41 ms')
    expect(formatValue(4.25, 'ms')).toBe('4.3 ms')
    expect(formatValue(12_345, 'ms')).toBe('12.3 s')
    expect(formatValue(157.2, 'B/row')).toBe('157 B/row')
    expect(formatValue(122_880, 'rows')).toBe('122,880')
    expect(formatValue(null, 'MB')).toBe('—')
    expect(formatGoal({ minRatio: 0.6 }, 'rows/s')).toBe('≥ 60% of raw')
    expect(formatGoal({ max: 150 }, 'ms')).toBe('≤ 150 ms')
  })

  it('prints an aligned table and a Markdown table with the same lines', () => {
    const rows = summarise({ postgres: { raw: [350_000], e2e: [175_000], cancel: [80] } }, [], SPECS)
    const lines = formatTable(rows).split('\n')
    expect(lines).toHaveLength(2 + rows.length)
    expect(lines[2]).toMatch(/^postgres\s+raw\s+350k rows\/s\s+1$/)
    expect(lines[3]).toMatch(/end to end\s+175k rows\/s\s+1\s+≥ 60% of raw\s+0\.50×\s+MISSED$/)
    expect(lines[4]).toMatch(/cancel\s+80 ms\s+1\s+≤ 100 ms\s+met$/)
    const widths = lines.slice(0, 2).map((line) => line.length)
    expect(widths[0]).toBe(widths[1])
    const markdown = formatMarkdown(rows, 'context').split('\n')
    expect(markdown[0]).toBe('context')
    expect(markdown[2]).toBe('| engine | measure | median | runs | goal | ratio to raw | verdict |')
    expect(markdown[5]).toBe('| postgres | end to end | 175k rows/s | 1 | ≥ 60% of raw | 0.50× | MISSED |')
  })
})

describe('readConfig', () => {
  it('defaults to 1,000,000 rows, 3 runs, every engine, a 100M-row open table capped only where noted', () => {
    const config = readConfig({})
    expect(config).toMatchObject({ rows: 1_000_000, runs: 3, engines: ['postgres', 'mysql', 'sqlite', 'duckdb'] })
    for (const engine of config.engines) {
      const cap = OPEN_ROWS_CAPS[engine]
      expect(config.openRows[engine]).toBe(cap ? cap.rows : 100_000_000)
      expect(config.openCaps[engine]).toBe(cap?.why)
    }
  })

  it('reads the environment, keeping the report order of engines; a given open size overrides every cap', () => {
    const config = readConfig({
      QUARRY_BENCH_ROWS: '100_000',
      QUARRY_BENCH_RUNS: '1',
      QUARRY_BENCH_ENGINES: 'DuckDB, SQLite, postgres',
      QUARRY_BENCH_OPEN_ROWS: '1_000_000',
    })
    expect(config).toMatchObject({ rows: 100_000, runs: 1, engines: ['postgres', 'sqlite', 'duckdb'], openCaps: {} })
    expect(Object.values(config.openRows)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000])
  })

  it('refuses bad values, saying which', () => {
    expect(() => readConfig({ QUARRY_BENCH_ROWS: '-5' })).toThrow(/QUARRY_BENCH_ROWS must be a positive integer/)
    expect(() => readConfig({ QUARRY_BENCH_RUNS: '1.5' })).toThrow(/QUARRY_BENCH_RUNS/)
    expect(() => readConfig({ QUARRY_BENCH_ENGINES: 'oracle' })).toThrow(/unknown engine\(s\) oracle/)
    expect(() => readConfig({ QUARRY_BENCH_OPEN_ROWS: '1e9x' })).toThrow(/QUARRY_BENCH_OPEN_ROWS/)
  })
})

const finished = (overrides: Partial<RunRecord>): RunRecord => ({
  startAt: 100,
  firstCellAt: 180,
  firstPaintAt: 190,
  endAt: 5100,
  status: 'done',
  count: '1000',
  frames: [],
  longTasks: [],
  ...overrides,
})

describe('run checks', () => {
  it('accepts a run that ended done with every row and every event seen', () => {
    expect(invalidRun(finished({}), 1000)).toBeNull()
  })

  it('rejects a run with the wrong count, another outcome, or a missed event, saying which', () => {
    expect(invalidRun(finished({ count: '999' }), 1000)).toBe('the store holds 999 rows, not 1000')
    expect(invalidRun(finished({ count: null }), 1000)).toBe('the store holds no rows, not 1000')
    expect(invalidRun(finished({ status: 'error' }), 1000)).toBe('ended as error')
    expect(invalidRun(finished({ firstPaintAt: null }), 1000)).toBe('the page missed an event')
  })

  it('turns rAF timestamps into frame times', () => {
    expect(frameDeltas([0, 16, 33, 133])).toEqual([16, 17, 100])
    expect(frameDeltas([5])).toEqual([])
  })
})
