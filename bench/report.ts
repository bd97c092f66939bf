import { eventsRows } from './events-dataset'
import type { Goal, Unit } from './measures'
import type { Rejected, Samples, SummaryRow } from './summary'

/** A figure in its unit, rounded for reading: "352k rows/s", "41 ms", "157 B/row". */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—'
  switch (unit) {
    case 'rows/s':
      return value >= 10_000 ? `${Math.round(value / 1000)}k rows/s` : `${Math.round(value)} rows/s`
    case 'ms':
      return value >= 10_000
        ? `${(value / 1000).toFixed(1)} s`
        : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`
    case 'B/row':
      return `${Math.round(value)} B/row`
    case 'MB':
      return `${Math.round(value)} MB`
    case 'count':
      return String(Math.round(value))
    case 'rows':
      return Math.round(value).toLocaleString('en-US')
  }
}

export function formatGoal(goal: Goal | null, unit: Unit): string {
  if (!goal) return ''
  if ('minRatio' in goal) return `≥ ${Math.round(goal.minRatio * 100)}% of raw`
  return 'max' in goal ? `≤ ${formatValue(goal.max, unit)}` : `≥ ${formatValue(goal.min, unit)}`
}

export const formatRatio = (value: number | null): string => (value === null ? '' : `${value.toFixed(2)}×`)

const verdict = (row: SummaryRow): string => (row.meets === null ? '' : row.meets ? 'met' : 'MISSED')

const HEADER = ['engine', 'measure', 'median', 'runs', 'goal', 'ratio to raw', 'verdict']

function cells(row: SummaryRow): string[] {
  return [
    row.engine,
    row.label,
    row.missing ?? formatValue(row.median, row.unit),
    String(row.values.length),
    formatGoal(row.goal, row.unit),
    formatRatio(row.ratio),
    verdict(row),
  ]
}

/** The summary as an aligned plain-text table for the terminal. */
export function formatTable(rows: readonly SummaryRow[]): string {
  const lines = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, i) => Math.max(...lines.map((line) => [...line[i]!].length)))
  const pad = (line: string[]): string =>
    line
      .map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length))
      .join('  ')
      .trimEnd()
  return [pad(lines[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(pad)].join('\n')
}

/** The summary as a Markdown table (what the README shows). */
export function formatMarkdown(rows: readonly SummaryRow[], context: string): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|')
  const line = (values: string[]): string => `| ${values.map(escape).join(' | ')} |`
  return [context, '', line(HEADER), line(HEADER.map(() => '---')), ...rows.map((row) => line(cells(row))), ''].join(
    '\n',
  )
}

/** What the run was: where, when, with which settings. */
export interface RunContext {
  startedAt: string
  finishedAt: string
  rows: number
  runs: number
  /** Rows of each engine's open-case table ("postgres 100,000,000"). */
  openRows: string[]
  engines: string[]
  machine: { cpus: number; cpuModel: string; loadAverage: number[]; node: string; platform: string }
  versions: Record<string, string>
  notes: string[]
}

/** The JSON report: context, every raw value, the summary, and what was rejected. */
export function buildJsonReport(context: RunContext, samples: Samples, summary: SummaryRow[], rejected: Rejected[]) {
  return {
    ...context,
    summary: summary.map((row) => ({
      engine: row.engine,
      measure: row.measure,
      label: row.label,
      unit: row.unit,
      median: row.median,
      ratio: row.ratio,
      goal: row.goal,
      meets: row.meets,
      missing: row.missing,
      values: row.values,
    })),
    samples,
    rejected,
  }
}

/** One line describing the run, above the Markdown table. */
export function describeRun(context: RunContext): string {
  const { machine } = context
  return (
    `\`npm run bench\` of ${context.finishedAt}: ${context.engines.join(', ')} (MongoDB and SQL Server are not ` +
    `measured: no server of either runs on the bench machine); ${context.rows.toLocaleString('en-US')} rows × 10 ` +
    `columns, ${eventsRows(context.rows).toLocaleString('en-US')} events rows × 15 columns, a table opened from ` +
    `the tree of ${context.openRows.join(' / ')} rows, ` +
    `median of ${context.runs} run(s), ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ` +
    `load average at start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}` +
    Object.entries(context.versions)
      .map(([name, version]) => `; ${name}: ${version.split(/,| on /)[0]!.trim()}`)
      .join('') +
    '.'
  )
}
