import { Readable } from 'node:stream'

/** Rows as an import's bulk paths take them: text per value, null for NULL. */
type Rows = readonly (readonly (string | null)[])[]

/** Text is made in pieces of about this many characters (small strings: cheap to make and to free). */
const PIECE_CHARS = 64 * 1024

/** What a text's making saw: its longest line, in characters. */
export interface TextStats {
  longestLine: number
}

/** Rows as text, a line each, made lazily in pieces of whole lines (as a socket or a file takes them). */
function* pieces(rows: Rows, line: (row: readonly (string | null)[]) => string, stats?: TextStats): Generator<string> {
  let out = ''
  for (let r = 0; r < rows.length; r++) {
    const text = line(rows[r]!)
    if (stats && text.length > stats.longestLine) stats.longestLine = text.length
    out += text
    if (out.length >= PIECE_CHARS) {
      yield out
      out = ''
    }
  }
  if (out) yield out
}

/** Backslash, line breaks and tab: written as backslash escapes inside a value. */
const SPECIAL = /[\\\n\r\t]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const escapeValue = (value: string): string =>
  SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : value

function tabLine(row: readonly (string | null)[]): string {
  let out = ''
  for (let c = 0; c < row.length; c++) {
    const value = row[c]
    out += (c > 0 ? '\t' : '') + (value === null || value === undefined ? '\\N' : escapeValue(value))
  }
  return out + '\n'
}

/**
 * Rows as tab-separated text with backslash escapes, the format both PostgreSQL's `COPY … FROM
 * STDIN` (text format) and MySQL's `LOAD DATA … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'` read:
 * tab between values, a line per row, `\N` for NULL, and backslash, line breaks and tabs inside a
 * value escaped (so `\N` as text arrives as `\\N`, and an empty value stays empty, not NULL).
 */
export const tabPieces = (rows: Rows): Generator<string> => pieces(rows, tabLine)

/** tabPieces as one string. */
export const tabText = (rows: Rows): string => [...tabPieces(rows)].join('')

function csvLine(row: readonly (string | null)[]): string {
  let out = ''
  for (let c = 0; c < row.length; c++) {
    const value = row[c]
    if (c > 0) out += ','
    if (value === null || value === undefined) continue
    out += value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`
  }
  return out + '\n'
}

/**
 * Rows as CSV where every value is quoted (quotes doubled) and NULL is an empty unquoted field: read
 * with `allow_quoted_nulls = false`, `""` stays an empty string and nothing inside quotes (commas,
 * line breaks, backslashes) is special. DuckDB's read_csv takes it with every column VARCHAR.
 */
export const csvPieces = (rows: Rows, stats?: TextStats): Generator<string> => pieces(rows, csvLine, stats)

/** csvPieces as one string. */
export const csvText = (rows: Rows): string => [...csvPieces(rows)].join('')

/** Text pieces as a stream of UTF-8 buffers (for a COPY or a LOAD DATA LOCAL), made as the socket drains. */
export function textStream(text: Iterable<string>): Readable {
  function* buffers(): Generator<Buffer> {
    for (const piece of text) yield Buffer.from(piece)
  }
  return Readable.from(buffers(), { objectMode: false })
}
