import {
  DATE_PATTERNS,
  type ColumnInfo,
  type ImportAnalysis,
  type ImportPlan,
  type ImportSource,
  type ValueKind,
} from '../../../shared/contract'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { proposedType } from '../../../shared/engines/proposed-type'

/** What the user decided for one file column. `target` '' : the column is not imported. */
export interface ColumnChoice {
  target: string
  kind: ValueKind
  format: string | null
  type: string
}

/** Where the rows go: a new table (named here) or an existing one (its columns, for the mapping). */
export type ImportTargetChoice =
  { mode: 'new'; table: string } | { mode: 'existing'; table: string; columns: ColumnInfo[] }

/** A table name from a file name: its stem, lower case, words joined by `_`. */
export function tableNameOf(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')
  const upload = stem.replace(/^\d+-[\w-]{12}-/, '')
  return (
    upload
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'imported'
  )
}

/** Identity (auto-increment) columns are left to the server: never a mapping target. */
export function writableColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => !c.autoIncrement)
}

/**
 * The first choices after an analysis: a new table takes every column as analysed (name, kind,
 * format, the engine's proposed type); an existing table maps file columns to its columns by name
 * (case-insensitive), leaving the others unmapped.
 */
export function initialChoices(analysis: ImportAnalysis, target: ImportTargetChoice): ColumnChoice[] {
  return analysis.columns.map((c) => {
    const base = { kind: c.kind, format: c.format, type: c.proposedType }
    if (target.mode === 'new') return { ...base, target: c.name }
    const match = writableColumns(target.columns).find((t) => t.name.toLowerCase() === c.name.toLowerCase())
    return { ...base, target: match?.name ?? '', ...(match ? { type: match.dataType } : {}) }
  })
}

/** A changed kind brings the engine's type for it (the user may still edit the type after). */
export function withKind(
  choice: ColumnChoice,
  kind: ValueKind,
  facts: ImportFacts,
  profile: ImportAnalysis['columns'][number],
): ColumnChoice {
  const temporal = kind === 'date' || kind === 'timestamp' || kind === 'timestamptz'
  return {
    ...choice,
    kind,
    format: temporal ? (choice.format ?? profile.format ?? DATE_PATTERNS[0]) : null,
    type: proposedType(facts, { ...profile, kind }),
  }
}

/** The formats offered for a date column: the one found, the others that fit, then every date order. */
export function formatOptions(found: string | null, alternatives: readonly string[]): string[] {
  const time = found ? found.slice(found.indexOf(' ') >= 0 ? found.indexOf(' ') : found.length) : ''
  const all = [...(found ? [found] : []), ...alternatives, ...DATE_PATTERNS.map((p) => p + time)]
  return [...new Set(all)]
}

/** The plan, or what is wrong with the choices (shown instead of the buttons' action). */
export function buildPlan(options: {
  source: ImportSource
  database?: string
  schema: string | null
  target: ImportTargetChoice
  choices: readonly ColumnChoice[]
  dryRun: boolean
  onError: 'stop' | 'skip'
}): { plan: ImportPlan } | { problem: string } {
  const { target, choices } = options
  const table = target.table.trim()
  if (!table) return { problem: 'Name the table' }
  const columns = choices.flatMap((c, source) =>
    c.target.trim() ? [{ source, target: c.target.trim(), kind: c.kind, format: c.format, type: c.type.trim() }] : [],
  )
  if (columns.length === 0) return { problem: 'Choose at least one column to import' }
  const seen = new Set<string>()
  for (const c of columns) {
    const key = c.target.toLowerCase()
    if (seen.has(key)) return { problem: `Two file columns go to ${c.target}` }
    seen.add(key)
    if (target.mode === 'new' && !c.type) return { problem: `Give ${c.target} a type` }
  }
  return {
    plan: {
      source: options.source,
      ...(options.database !== undefined ? { database: options.database } : {}),
      schema: options.schema,
      table,
      createTable: target.mode === 'new',
      columns: columns.map((c) => ({ ...c, type: c.type || 'text' })),
      dryRun: options.dryRun,
      onError: options.onError,
    },
  }
}
