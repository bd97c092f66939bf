// Types for generate-sample-db.mjs (plain JavaScript so it runs with `node`, no build step).

export declare const SAMPLE_DB_VERSION: number
export declare const SAMPLE_DB_APPLICATION_ID: number
export declare const DEFAULT_ROWS: number
export declare const DEFAULT_OUT: string

export interface GenerateOptions {
  /** Target file; relative paths resolve against the current directory. Default: resources/sample.db in the repo. */
  out?: string
  /** Rows in `events`. Default: 1,000,000. */
  rows?: number
  /** Regenerate even if the target is up to date. */
  force?: boolean
  /** Progress lines. Default: console.log. */
  log?: (line: string) => void
}

export interface GenerateResult {
  /** Absolute path of the database. */
  path: string
  /** True if the file was already up to date and left alone. */
  skipped: boolean
  /** Rows in `events` (for a skipped file: what it holds). */
  rows: number
  seconds: number
  bytes: number
  /** Rows per table (empty when skipped). */
  counts: Record<string, number>
}

export declare function generateSampleDb(options?: GenerateOptions): GenerateResult
export declare function parseArgs(argv: string[]): GenerateOptions
