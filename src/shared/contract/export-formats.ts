/** File formats a whole result can be exported to. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'ndjson', 'sql'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { label: string; extension: string }> = {
  csv: { label: 'CSV', extension: 'csv' },
  xlsx: { label: 'Excel workbook (XLSX)', extension: 'xlsx' },
  json: { label: 'JSON (array of objects)', extension: 'json' },
  ndjson: { label: 'NDJSON (one object a line)', extension: 'ndjson' },
  sql: { label: 'SQL INSERT statements', extension: 'sql' },
}

/** Where an export stands, as the renderer sees it. */
export type ExportOutcome = 'done' | 'cancelled' | 'error'

/** Longest path accepted for an export file. */
export const MAX_EXPORT_PATH = 4096
