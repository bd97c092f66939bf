import { z } from 'zod'

/** What an import reads: delimited text (CSV/TSV…), one JSON object per line, or an XLSX workbook's sheet. */
export const IMPORT_FORMATS = ['delimited', 'ndjson', 'xlsx'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** The kinds of value an analysis infers for a column, narrowest first. */
export const VALUE_KINDS = [
  'boolean',
  'smallint',
  'integer',
  'bigint',
  'decimal',
  'double',
  'date',
  'timestamp',
  'timestamptz',
  'text',
] as const
export type ValueKind = (typeof VALUE_KINDS)[number]

export { DATE_PATTERNS, type DatePattern } from './date-patterns'

/** A value the column's kind could not take, with the (1-based, data) row it is on. */
export interface ValueExample {
  row: number
  value: string
}

/** Everything the analysis learned about one column, from every value of the file. */
export interface ColumnProfile {
  name: string
  kind: ValueKind
  /** Dates and timestamps: the format the values were written in (`YYYY-MM-DD HH:mm:ss`). */
  format: string | null
  /** Other formats every value also fits (day/month order both possible). */
  alternatives: string[]
  /** Decimals: digits in all and after the point. */
  precision: number
  scale: number
  /** Longest value, in characters. */
  maxLength: number
  nulls: number
  /** Values the kind does not take (bad dates, overflow…): rows holding them are rejected. */
  problems: number
  examples: ValueExample[]
  /** The type the engine's descriptor proposes for a new table. */
  proposedType: string
}

/** The result of reading a whole file. */
export interface ImportAnalysis {
  file: string
  format: ImportFormat
  delimiter: string | null
  rows: number
  bytes: number
  columns: ColumnProfile[]
  /** Rows whose field count differs from the header's. */
  ragged: number
  elapsedMs: number
  /** Delimited files: how the values were written, for a direct load by the engine (import-direct.ts). */
  verbatim?: FileVerbatim
}

/** How a delimited file's values were written, beyond their kinds. */
export interface FileVerbatim {
  /** The NULL markers met as unquoted fields. */
  nullMarkers: string[]
  /** Quotes read as text (inside an unquoted field, or after a closing quote). */
  strayQuotes: number
  columns: ColumnVerbatim[]
}

/**
 * Whether a column's values are written in the file exactly as the import would write them, kind
 * by kind (a direct load hands the file's text to the engine, so it is made only where they are).
 */
export interface ColumnVerbatim {
  /** Every integer is canonical: no sign `+`, no leading zero, no `-0`. */
  integers: boolean
  /** No number is a word (inf, nan): the import refuses those. */
  numbers: boolean
  /** Every date is `YYYY-MM-DD`; every timestamp `YYYY-MM-DD HH:MM:SS[.f][±HH:MM]` (not `-00:00`). */
  dates: boolean
  timestamps: boolean
  /** The boolean spellings met (a few; one more than that: others too). */
  booleans: string[]
}

const name = z.string().min(1).max(1024)

/** How a file is read. */
export const importSourceSchema = z.object({
  file: z.string().min(1).max(4096),
  format: z.enum(IMPORT_FORMATS),
  /** Delimited: one character; null detects it. */
  delimiter: z.string().length(1).nullable(),
  /** Values read as NULL (exact match); default: the empty string, NULL and \N. */
  nullMarkers: z.array(z.string().max(64)).max(16),
  /** XLSX: the sheet read (by name); absent or null: the first one. */
  sheet: z.string().min(1).max(256).nullable().optional(),
})
export type ImportSource = z.infer<typeof importSourceSchema>

/** One target column fed from one file column. */
export const importColumnSchema = z.object({
  /** The file column's index. */
  source: z.number().int().min(0).max(100_000),
  target: name,
  kind: z.enum(VALUE_KINDS),
  format: z.string().max(64).nullable(),
  /** New tables: the column's type. */
  type: z.string().min(1).max(256),
})
export type ImportColumn = z.infer<typeof importColumnSchema>

/** Everything an import run does. */
export const importPlanSchema = z.object({
  source: importSourceSchema,
  database: z.string().max(1024).optional(),
  schema: z.string().max(1024).nullable(),
  table: name,
  createTable: z.boolean(),
  columns: z.array(importColumnSchema).min(1).max(4096),
  /** Rows are written in one transaction; a dry run rolls it back at the end. */
  dryRun: z.boolean(),
  onError: z.enum(['stop', 'skip']),
})
export type ImportPlan = z.infer<typeof importPlanSchema>

/** Progress of a run, sent at most a few times a second. */
export interface ImportProgress {
  rows: number
  rejected: number
  bytesRead: number
  bytesTotal: number
  rowsPerSecond: number
  /** Seconds left at this pace; null until known. */
  etaSeconds: number | null
}

/** How a run ended. */
export interface ImportResult {
  rowsWritten: number
  rejected: number
  /** The rejects file (each row with its reason) when rows were rejected. */
  rejectsFile: string | null
  dryRun: boolean
  elapsedMs: number
  /** Stopped at the first error: what it was. */
  stoppedAt: { row: number; reason: string } | null
  /** `file`: the engine read the file itself (its loader, e.g. COPY); `rows`: rows sent in batches. */
  path: 'file' | 'rows'
  /** The engine's load of the file failed (undone; the rows were then sent): why. */
  fileLoadError: string | null
}

/** Browser mode uploads: at most this many bytes per PUT (the page sends the file in slices). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024

/** A browser-mode upload the page may send: where the slices go and the file they become on the server. */
export interface ImportUpload {
  uploadId: string
  /** Same-origin path the slices are PUT to, with `?offset=N` (an unguessable ticket, not the credential). */
  url: string
  /** The file on the server once complete: the path to give import.analyse and import.start. */
  file: string
  chunkBytes: number
}
