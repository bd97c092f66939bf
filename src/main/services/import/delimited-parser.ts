/** One record: its fields, NULL where an unquoted field matched a NULL marker. */
export type ImportRecord = (string | null)[]

/** A blank line as the parser gives it (one empty or NULL field): skipped by every reader of a file. */
export const isBlankRecord = (r: ImportRecord): boolean => r.length === 1 && (r[0] === null || r[0] === '')

/** The file's first decoded text without its UTF-8 byte order mark. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

const QUOTE = 34
const CR = 13
const LF = 10

/** Where `char` is next from `from` on, or `n` (the text's length) when it is not. */
function indexOr(text: string, char: string, from: number, n: number): number {
  const at = text.indexOf(char, from)
  return at < 0 ? n : at
}

/**
 * A streaming RFC 4180 parser: text goes in in pieces of any size (a field, a quote pair or a CRLF
 * may straddle two), whole records come out. Quoted fields may hold delimiters, doubled quotes and
 * newlines; records end at LF, CRLF or CR. Unquoted fields equal to a NULL marker read as NULL, so a
 * quoted `""` stays an empty string. Memory: the record being read, never the file.
 */
export class DelimitedParser {
  private field = ''
  private fields: ImportRecord = []
  private quoted = false
  /** Inside quotes; `quoteSeen`: a quote inside quotes that may be the first of a doubled pair. */
  private inQuotes = false
  private quoteSeen = false
  private afterCr = false
  private readonly delimiter: number
  private readonly delimiterText: string
  /** The longest NULL marker: longer values are never looked up. */
  private readonly longestMarker: number
  /** The NULL markers met (a direct load takes one marker only). */
  readonly markersSeen = new Set<string>()
  /**
   * Quotes read as text: inside an unquoted field, or after a field's closing quote. Other CSV
   * readers take such a quote as opening a quoted part, so a direct load is only made without any.
   */
  strayQuotes = 0

  constructor(
    delimiter: string,
    private readonly nullMarkers: ReadonlySet<string>,
  ) {
    this.delimiter = delimiter.charCodeAt(0)
    this.delimiterText = delimiter.charAt(0)
    this.longestMarker = Math.max(-1, ...[...nullMarkers].map((m) => m.length))
  }

  /**
   * Parses the next piece of text; returns the records it completed. Unquoted text is scanned in a
   * tight loop to the next delimiter or line end, quoted text jumps from quote to quote.
   */
  push(text: string): ImportRecord[] {
    const out: ImportRecord[] = []
    const d = this.delimiter
    const n = text.length
    let i = 0
    let start = 0
    let nextLf = -1
    let nextCr = -1
    if (n > 0 && this.afterCr) {
      this.afterCr = false
      if (text.charCodeAt(0) === LF) i = start = 1
    }
    while (i < n) {
      if (this.inQuotes) {
        if (!this.quoteSeen) {
          const q = text.indexOf('"', i)
          if (q < 0) {
            i = n
            break
          }
          this.field += text.slice(start, q)
          this.quoteSeen = true
          i = start = q + 1
          continue
        }
        this.quoteSeen = false
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"'
          i = start = i + 1
          continue
        }
        this.inQuotes = false // the quote closed the field; read on as outside quotes
        const after = text.charCodeAt(i)
        if (after !== d && after !== LF && after !== CR) this.strayQuotes++
      }
      let c = text.charCodeAt(i)
      if (c === QUOTE && i === start && this.field === '' && !this.quoted) {
        this.inQuotes = true
        this.quoted = true
        i = start = i + 1
        continue
      }
      if (c !== d && c !== LF && c !== CR) {
        // The field's end: the nearest delimiter or line end (line ends are found once per line).
        if (nextLf < i) nextLf = indexOr(text, '\n', i, n)
        if (nextCr < i) nextCr = indexOr(text, '\r', i, n)
        const delimiterAt = indexOr(text, this.delimiterText, i, n)
        i = Math.min(delimiterAt, nextLf, nextCr)
        if (i === n) break
        c = text.charCodeAt(i)
      }
      this.endField(text.slice(start, i))
      i = start = i + 1
      if (c === d) continue
      out.push(this.fields)
      this.fields = []
      if (c === CR) {
        if (i === n) this.afterCr = true
        else if (text.charCodeAt(i) === LF) i = start = i + 1
      }
    }
    this.field += text.slice(start)
    return out
  }

  /** Ends the input: the last record, when the file does not end with a newline. */
  end(): ImportRecord[] {
    if (this.quoteSeen) this.inQuotes = false
    if (this.field === '' && this.fields.length === 0 && !this.quoted) return []
    this.endField('')
    const last = this.fields
    this.fields = []
    return [last]
  }

  /** Whether the input ended inside a quoted field (an unterminated quote). */
  get unterminated(): boolean {
    return this.inQuotes && !this.quoteSeen
  }

  private endField(tail: string): void {
    const value = this.field + tail
    const marker = !this.quoted && value.length <= this.longestMarker && this.nullMarkers.has(value)
    if (marker) this.markersSeen.add(value)
    else if (!this.quoted && value.includes('"')) this.strayQuotes++
    this.fields.push(marker ? null : value)
    this.field = ''
    this.quoted = false
  }
}
