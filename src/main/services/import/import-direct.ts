import type { ColumnVerbatim, ImportAnalysis, ImportColumn, ImportPlan } from '../../../shared/contract/import-model'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import type { DirectLoad } from '../../drivers/driver'

/** Whether the engine may read the file itself: the load to make, or why not. */
export type DirectDecision = { load: DirectLoad } | { why: string }

const ISO_DATE_FORMAT = 'YYYY-MM-DD'

/** Why a column's values would be written other than as the file has them; null: they are not. */
function changedBy(
  column: ImportColumn,
  analysed: ImportAnalysis['columns'][number],
  verbatim: ColumnVerbatim,
  facts: ImportFacts,
): string | null {
  if (column.kind === 'text') return null
  if (column.kind !== analysed.kind || column.format !== analysed.format) return 'its kind or format was changed'
  // A value the kind refuses is rejected by the import; the engine might read it (`on` as true).
  if (analysed.problems > 0) return 'it has values its kind refuses'
  switch (column.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return verbatim.integers ? null : 'integers are written with a + or leading zeros'
    case 'decimal':
    case 'double':
      return verbatim.numbers ? null : 'numbers include words (inf, nan)'
    case 'boolean':
      return verbatim.booleans.every((b) => facts.booleans.includes(b)) ? null : 'booleans are spelled otherwise'
    case 'date':
      return verbatim.dates && column.format === ISO_DATE_FORMAT ? null : 'dates are not ISO text'
    default: {
      const iso = verbatim.timestamps && column.format?.startsWith(ISO_DATE_FORMAT)
      if (!iso) return 'timestamps are not ISO text'
      return column.kind === 'timestamptz' && !facts.zoneOffsets ? 'timestamps are converted to UTC' : null
    }
  }
}

/** A NULL marker the loader can be told: never the delimiter, the quote or a line break. */
const sayable = (marker: string, delimiter: string): boolean => !/["\r\n]/.test(marker) && !marker.includes(delimiter)

/**
 * Whether the engine can load `plan`'s file itself with the same result as the row path: a
 * delimited UTF-8 file analysed with the same reading (delimiter, NULL markers), every column of
 * it mapped in order, no ragged rows, no quote read as text, at most one NULL marker met (one the
 * loader is told, unquoted only: `""` stays empty), and every value written exactly as the import
 * would write it (the same text then reaches the engine either way). A loader that converts with
 * the import's own code takes any analysed delimited file. `analysis` must be of the file as it
 * is now (the caller checks).
 */
export function directDecision(
  plan: ImportPlan,
  analysis: ImportAnalysis | undefined,
  facts: ImportFacts,
): DirectDecision {
  const { source, columns } = plan
  if (!facts.direct) return { why: 'the engine has no loader for files' }
  if (!analysis?.verbatim || source.format !== 'delimited') return { why: 'not an analysed delimited file' }
  const { verbatim } = analysis
  if (analysis.file !== source.file || (source.delimiter !== null && source.delimiter !== analysis.delimiter))
    return { why: 'the analysis read another file or delimiter' }
  const delimiter = analysis.delimiter
  // A loader running the import's own reader and converters: the same rows, whatever the file holds.
  const common = {
    file: source.file,
    rows: analysis.rows,
    bytes: analysis.bytes,
    nullMarkers: source.nullMarkers,
    columns,
  }
  if (facts.direct.converts && delimiter) {
    // Columns whose every value is written as the file has it need no converting: read as text.
    const unchanged = (c: ImportColumn): boolean => {
      const analysed = analysis.columns[c.source]
      return analysed !== undefined && changedBy(c, analysed, verbatim.columns[c.source]!, facts) === null
    }
    const read = columns.map((c) => (c.kind !== 'text' && unchanged(c) ? { ...c, kind: 'text' as const } : c))
    return { load: { ...common, columns: read, delimiter, nullMarker: '', longestLineBytes: 0 } }
  }
  if (!delimiter || delimiter.charCodeAt(0) > 127 || /["\r\n]/.test(delimiter))
    return { why: 'the delimiter is not one the loader takes' }
  if (analysis.ragged > 0) return { why: 'some rows have more or fewer fields than the header' }
  if (verbatim.strayQuotes > 0) return { why: 'some quotes are read as text' }
  if (columns.length !== analysis.columns.length || columns.some((c, i) => c.source !== i))
    return { why: "the columns are not the file's, in order" }
  for (let i = 0; i < columns.length; i++) {
    const why = changedBy(columns[i]!, analysis.columns[i]!, verbatim.columns[i]!, facts)
    if (why) return { why: `${columns[i]!.target}: ${why}` }
  }
  // The one marker met, else any marker (none is met unquoted, so it reads nothing as NULL).
  const candidates = verbatim.nullMarkers.length > 0 ? verbatim.nullMarkers : source.nullMarkers
  const understood = facts.direct.nullMarkers
  const nullMarker = candidates.find((m) => (understood === 'any' || understood.includes(m)) && sayable(m, delimiter))
  if (verbatim.nullMarkers.length > 1 || nullMarker === undefined)
    return { why: 'the NULL markers are not one the loader takes' }
  // A line holds every value plus delimiters and quotes: 4 bytes of UTF-8 per UTF-16 unit at most.
  const longestLineBytes = analysis.columns.reduce((sum, c) => sum + 4 * c.maxLength + 3, 2)
  return { load: { ...common, delimiter, nullMarker, longestLineBytes } }
}
