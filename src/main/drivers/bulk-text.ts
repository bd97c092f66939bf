import { Readable } from 'node:stream'

/** Backslash, line breaks and tab: written as backslash escapes inside a value. */
const SPECIAL = /[\\\n\r\t]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const escapeValue = (value: string): string =>
  SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : value

/**
 * Rows as tab-separated text with backslash escapes, the format both PostgreSQL's `COPY … FROM
 * STDIN` (text format) and MySQL's `LOAD DATA … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'` read:
 * tab between values, a line per row, `\N` for NULL, and backslash, line breaks and tabs inside a
 * value escaped (so `\N` as text arrives as `\\N`, and an empty value stays empty, not NULL).
 */
export function tabText(rows: readonly (readonly (string | null)[])[]): string {
  let out = ''
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!
    for (let c = 0; c < row.length; c++) {
      const value = row[c]
      out += (c > 0 ? '\t' : '') + (value === null || value === undefined ? '\\N' : escapeValue(value))
    }
    out += '\n'
  }
  return out
}

/** Data goes to the server in pieces of this size. */
const CHUNK_CHARS = 256 * 1024

/** A string as a stream of UTF-8 pieces (for a COPY or a LOAD DATA LOCAL), read as the socket drains. */
export function textStream(data: string): Readable {
  function* pieces(): Generator<Buffer> {
    for (let at = 0; at < data.length; at += CHUNK_CHARS) yield Buffer.from(data.slice(at, at + CHUNK_CHARS))
  }
  return Readable.from(pieces(), { objectMode: false })
}
