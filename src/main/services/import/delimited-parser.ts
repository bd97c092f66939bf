/** One record: its fields, NULL where an unquoted field matched a NULL marker. */
export type ImportRecord = (string | null)[]

const QUOTE = 34
const CR = 13
const LF = 10

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

  constructor(
    delimiter: string,
    private readonly nullMarkers: ReadonlySet<string>,
  ) {
    this.delimiter = delimiter.charCodeAt(0)
  }

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): ImportRecord[] {
    const out: ImportRecord[] = []
    const d = this.delimiter
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.afterCr) {
        this.afterCr = false
        if (c === LF) {
          start = i + 1
          continue
        }
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false
          if (c === QUOTE) {
            this.field += '"'
            start = i + 1
            continue
          }
          this.inQuotes = false // the quote closed the field; read c as outside quotes
        } else {
          if (c === QUOTE) {
            this.field += text.slice(start, i)
            this.quoteSeen = true
            start = i + 1
          }
          continue
        }
      }
      if (c === d) {
        this.endField(text.slice(start, i))
        start = i + 1
      } else if (c === LF || c === CR) {
        this.endField(text.slice(start, i))
        out.push(this.fields)
        this.fields = []
        this.afterCr = c === CR
        start = i + 1
      } else if (c === QUOTE && this.field === '' && i === start && !this.quoted) {
        this.inQuotes = true
        this.quoted = true
        start = i + 1
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
    this.fields.push(!this.quoted && this.nullMarkers.has(value) ? null : value)
    this.field = ''
    this.quoted = false
  }
}
