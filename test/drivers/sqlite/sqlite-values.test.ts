import { describe, expect, it } from 'vitest'
import { cellJson } from '../../../src/main/drivers/sqlite/sqlite-values'

describe('SQLite cell JSON', () => {
  it('writes text exactly as JSON.stringify would, escaping only what must be escaped', () => {
    const samples = [
      '',
      'plain',
      'say "hi"',
      'back\\slash',
      'tab\there',
      'nl\n',
      '\u0000\u001f',
      'é ü 漢字',
      '😀',
      '\ud800',
      'a\udc00b',
      '</script>',
    ]
    for (const text of samples) {
      expect(cellJson(text)).toBe(JSON.stringify(text))
      expect(JSON.parse(cellJson(text))).toBe(text)
    }
  })

  it('tags what JSON cannot carry exactly', () => {
    expect(cellJson(9007199254740993n)).toBe('{"$":"int","v":"9007199254740993"}')
    expect(cellJson(-42n)).toBe('-42')
    expect(cellJson(Number.NaN)).toBe('{"$":"float","v":"NaN"}')
    expect(cellJson(Buffer.from([0, 255]))).toBe('{"$":"bytes","v":"00ff","n":2}')
    expect(cellJson(null)).toBe('null')
  })
})
