import { z } from 'zod'

/** Rows per INSERT statement at most (SQL Server accepts at most 1,000 rows in one VALUES list). */
export const MAX_ROWS_PER_INSERT = 1000
/** Longest text written for NULL in CSV. */
export const MAX_NULL_TEXT = 32

/** CSV delimiters offered in the dialog; the schema accepts any one character that is not a quote or a line break. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const
export const CSV_QUOTES = ['"', "'"] as const

const oneCharacter = z
  .string()
  .length(1)
  .refine((c) => c !== '\r' && c !== '\n', 'must not be a line break')

/**
 * How a CSV file is written. NULL is `nullText` (default: an empty field) and a value that reads the
 * same as `nullText` is quoted, so NULL and text never look alike; the empty string is `""`.
 */
export const csvOptionsSchema = z
  .object({
    delimiter: oneCharacter.default(','),
    quote: oneCharacter.default('"'),
    header: z.boolean().default(true),
    nullText: z
      .string()
      .max(MAX_NULL_TEXT)
      .refine((t) => !/[\r\n]/.test(t), 'must not contain a line break')
      .default(''),
    lineEnding: z.enum(['crlf', 'lf']).default('crlf'),
    /** UTF-8 with a byte order mark (what Excel needs to read UTF-8), or without. */
    bom: z.boolean().default(false),
  })
  .strict()
  .refine((o) => o.delimiter !== o.quote, { message: 'the delimiter and the quote must differ', path: ['quote'] })
  .refine((o) => !o.nullText.includes(o.delimiter) && !o.nullText.includes(o.quote), {
    message: 'the NULL text must not contain the delimiter or the quote',
    path: ['nullText'],
  })

/** How SQL INSERT statements are written. */
export const sqlOptionsSchema = z
  .object({
    /** Rows per INSERT statement (one VALUES list); 1 writes one statement a row. */
    rowsPerInsert: z.number().int().min(1).max(MAX_ROWS_PER_INSERT).default(100),
  })
  .strict()

export const exportOptionsSchema = z
  .object({ csv: csvOptionsSchema.optional(), sql: sqlOptionsSchema.optional() })
  .strict()

export type CsvOptions = z.output<typeof csvOptionsSchema>
export type SqlOptions = z.output<typeof sqlOptionsSchema>
export type ExportOptions = z.input<typeof exportOptionsSchema>

export const DEFAULT_CSV_OPTIONS: CsvOptions = csvOptionsSchema.parse({})
export const DEFAULT_SQL_OPTIONS: SqlOptions = sqlOptionsSchema.parse({})
