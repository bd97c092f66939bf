import type { EngineId } from '../contract/model'
import type { WireValue } from '../contract/values'
import { csvField, insertStatement, jsonValue, markdownCell } from './value-text'

/** The formats a selection can be copied as. */
export const COPY_FORMATS = ['tsv', 'csv', 'json', 'markdown', 'sql'] as const
export type CopyFormat = (typeof COPY_FORMATS)[number]

export const COPY_FORMAT_LABELS: Record<CopyFormat, string> = {
  tsv: 'TSV (spreadsheet)',
  csv: 'CSV',
  json: 'JSON',
  markdown: 'Markdown',
  sql: 'SQL INSERT',
}

/** A rectangle of a result to copy: column names and rows of values, in the same order. */
export interface CopyBlock {
  columns: readonly string[]
  rows: readonly (readonly WireValue[])[]
  /** Whether a header line goes first (TSV/CSV; a single copied cell has none). */
  header: boolean
  engine: EngineId
  /** The quoted table name for SQL INSERT (the result's source, or a placeholder). */
  table: string
}

/** Placeholder table name when the result's source table is not known. */
export const PLACEHOLDER_TABLE = 'my_table'

/** The block as text in a format. Line breaks are \n except in CSV/TSV (\r\n, as RFC 4180). */
export function formatBlock(format: CopyFormat, block: CopyBlock): string {
  switch (format) {
    case 'tsv':
      return delimited(block, '\t')
    case 'csv':
      return delimited(block, ',')
    case 'json':
      return jsonArray(block)
    case 'markdown':
      return markdown(block)
    case 'sql':
      return block.rows.map((row) => insertStatement(block.table, block.columns, row, block.engine)).join('\n')
  }
}

function delimited({ columns, rows, header }: CopyBlock, separator: string): string {
  const lines: string[] = []
  if (header) lines.push(columns.map((name) => csvField(name, separator)).join(separator))
  for (const row of rows) lines.push(columns.map((_, i) => csvField(row[i] ?? null, separator)).join(separator))
  return lines.join('\r\n')
}

/** One JSON object per row, keys in column order (a repeated name keeps its last value). */
export function jsonObject(columns: readonly string[], row: readonly WireValue[]): string {
  return `{${columns.map((name, i) => `${JSON.stringify(name)}: ${jsonValue(row[i] ?? null)}`).join(', ')}}`
}

function jsonArray({ columns, rows }: CopyBlock): string {
  if (rows.length === 0) return '[]'
  return `[\n${rows.map((row) => `  ${jsonObject(columns, row)}`).join(',\n')}\n]`
}

function markdown({ columns, rows }: CopyBlock): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [
    line(columns.map((name) => markdownCell(name))),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map((_, i) => markdownCell(row[i] ?? null)))),
  ].join('\n')
}
