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
