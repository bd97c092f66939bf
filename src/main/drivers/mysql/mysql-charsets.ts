import iconv from 'iconv-lite'
import { TextDecoder } from 'node:util'

/** Text in buf[start, end), decoded from a result column's character set. */
export type Decode = (buf: Buffer, start: number, end: number) => string

/**
 * MySQL's ucs2, utf16 and utf32 are big-endian, but mysql2 names them by iconv-lite's labels that
 * read little-endian (or guess): name the byte order outright.
 */
const UNICODE: Readonly<Record<string, string>> = {
  ucs2: 'utf16be',
  utf16: 'utf16be',
  'utf16-le': 'utf16le',
  utf32: 'utf32be',
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true })

/**
 * MySQL's latin1 is windows-1252, with the five bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f,
 * 0x90, 0x9d) read as the C1 controls of the same value. (Node's TextDecoder reads every
 * windows-1252 label as ISO-8859-1, and mysql2 decodes latin1 so too: 0x80 would not be €.)
 */
function latin1(): Decode {
  const table = new Uint16Array(256)
  const chars = iconv.decode(Buffer.from(table.map((_, i) => i)), 'windows1252')
  for (let i = 0; i < 256; i++) table[i] = chars.charCodeAt(i) === 0xfffd ? i : chars.charCodeAt(i)
  let units = new Uint16Array(256)
  return (buf, start, end) => {
    if (units.length < end - start) units = new Uint16Array(Math.max(end - start, units.length * 2))
    for (let i = start; i < end; i++) units[i - start] = table[buf[i]!]!
    return utf16.decode(units.subarray(0, end - start))
  }
}

/**
 * The decoder for text in a character set other than UTF-8 (a result after SET NAMES or SET
 * character_set_results), by mysql2's encoding name: iconv-lite's (the library mysql2 decodes
 * with, under the same names), else the WHATWG decoder; null when neither knows the set (its text
 * then stays bytes). A leading byte order mark is text, never stripped.
 */
export function decoderFor(encoding: string): Decode | null {
  if (encoding === 'latin1') return latin1()
  const name = UNICODE[encoding] ?? encoding
  if (iconv.encodingExists(name)) {
    return (buf, start, end) => iconv.decode(buf.subarray(start, end), name, { stripBOM: false })
  }
  try {
    const decoder = new TextDecoder(name, { ignoreBOM: true })
    return (buf, start, end) => decoder.decode(buf.subarray(start, end))
  } catch {
    return null // not a WHATWG label either
  }
}
