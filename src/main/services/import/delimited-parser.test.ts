import { describe, expect, it } from 'vitest'
import { DelimitedParser, type ImportRecord } from './delimited-parser'
import { detectDelimiter } from './delimiter-detect'

const NULLS = new Set(['', 'NULL', '\\N'])

/** Parses `text` fed in pieces of `size` characters (every split point gets exercised). */
function parse(text: string, size = text.length, delimiter = ','): ImportRecord[] {
  const parser = new DelimitedParser(delimiter, NULLS)
  const out: ImportRecord[] = []
  for (let at = 0; at < text.length; at += size) out.push(...parser.push(text.slice(at, at + size)))
  return [...out, ...parser.end()]
}

describe('DelimitedParser', () => {
  const text = 'a,"b, c","say ""hi""",\r\n"multi\r\nline",\\N,"",NULL\n"x"\r\nlast,no newline'
  const expected = [['a', 'b, c', 'say "hi"', null], ['multi\r\nline', null, '', null], ['x'], ['last', 'no newline']]

  it('reads quotes, doubled quotes, CRLF, embedded newlines, and NULL markers only when unquoted', () => {
    expect(parse(text)).toEqual(expected)
  })

  it('notes the NULL markers met and the quotes read as text, in any pieces (what a direct load needs)', () => {
    const text = 'a,"NULL",\\N,"""",x\r\nb"c,"d"e,"f" ,""\n'
    for (const size of [1, 2, 3, 100]) {
      const parser = new DelimitedParser(',', NULLS)
      for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size))
      parser.end()
      // \N met unquoted, "NULL" quoted (text); b"c, "d"e and "f"<space> read quotes as text.
      expect([[...parser.markersSeen], parser.strayQuotes]).toEqual([['\\N'], 3])
    }
    const clean = new DelimitedParser(',', NULLS)
    clean.push('"a ""b""","c\nd",,"",e\n')
    expect([[...clean.markersSeen], clean.strayQuotes]).toEqual([[''], 0])
  })

  it('gives the same records whatever the pieces the text arrives in', () => {
    for (const size of [1, 2, 3, 5, 7, 13]) expect(parse(text, size)).toEqual(expected)
  })

  it('keeps a quoted NULL marker as text and ends a record on a lone CR', () => {
    expect(parse('"NULL",1\r2,3')).toEqual([
      ['NULL', '1'],
      ['2', '3'],
    ])
  })

  it('reads a trailing empty field and a final newline without an extra record', () => {
    expect(parse('a,\n')).toEqual([['a', null]])
  })

  it('says when the input ends inside quotes', () => {
    const parser = new DelimitedParser(',', NULLS)
    parser.push('a,"open')
    expect(parser.unterminated).toBe(true)
  })

  it('takes any one-character delimiter', () => {
    expect(parse('a\tb\n"c\td"\te', 4, '\t')).toEqual([
      ['a', 'b'],
      ['c\td', 'e'],
    ])
  })
})

describe('detectDelimiter', () => {
  it('finds the delimiter every line agrees on, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1;"2,5";3\n4;5;6\n')).toBe(';')
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t')
    expect(detectDelimiter('a,b|c\n1,2|3\n')).toBe(',')
    expect(detectDelimiter('only\none\n')).toBe(',')
  })
})

describe('DelimitedParser against the per-character reference', () => {
  it('agrees on 3,000 random texts of quotes, delimiters and line ends, fed in random pieces', () => {
    const alphabet = 'ab,,"""\r\n\nN'
    let seed = 7
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let k = 0; k < 3000; k++) {
      let text = ''
      const length = Math.floor(next() * 40)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)]
      const reference = new ReferenceParser(',', NULLS)
      const expected = [...reference.push(text), ...reference.end()]
      const size = 1 + Math.floor(next() * 8)
      expect([text, parse(text, size)]).toEqual([text, expected])
      expect([text, parse(text)]).toEqual([text, expected])
    }
  })
})

const QUOTE = 34
const CR = 13
const LF = 10

/** The per-character parser the fast one replaced: the reference for the randomized test. */
class ReferenceParser {
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
