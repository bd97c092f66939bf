import type { CsvOptions, WireValue } from '../../../shared/contract'
import { plainText } from '../../../shared/formats/value-text'

/** The byte order mark that tells Excel (and others) the file is UTF-8. */
export const UTF8_BOM = '\uFEFF'

/**
 * CSV fields under the user's options (RFC 4180 by default). A field is quoted when it holds the
 * quote, the delimiter, a line break, edge spaces, or reads as the NULL text; the quote doubles
 * inside it. NULL is the NULL text unquoted; '' is always a quoted empty field, so the two never
 * look the same.
 */
export function csvWriter(options: CsvOptions): { field(value: WireValue | string): string; eol: string } {
  const { delimiter, quote, nullText } = options
  const quoted = (text: string) => `${quote}${text.replaceAll(quote, quote + quote)}${quote}`
  const needsQuotes = (text: string) =>
    text === '' || text === nullText || text.includes(quote) || text.includes(delimiter) || /[\r\n]|^\s|\s$/.test(text)
  return {
    eol: options.lineEnding === 'lf' ? '\n' : '\r\n',
    field(value) {
      if (value === null) return nullText
      const text = typeof value === 'string' ? value : plainText(value)
      return needsQuotes(text) ? quoted(text) : text
    },
  }
}
