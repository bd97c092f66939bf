import { describe, expect, it } from 'vitest'
import { decodeUtf8, hexDump, parseJsonTree } from './viewer-formats'

describe('cell viewer formats', () => {
  it('parses JSON into a tree keeping exact numbers, key order and escapes', () => {
    expect(parseJsonTree('{"b": 9007199254740993, "a": [1, "x\\"y", null, {}], "c": {"d": true}}')).toEqual({
      kind: 'object',
      entries: [
        ['b', { kind: 'literal', text: '9007199254740993' }],
        [
          'a',
          {
            kind: 'array',
            items: [
              { kind: 'literal', text: '1' },
              { kind: 'literal', text: '"x\\"y"' },
              { kind: 'literal', text: 'null' },
              { kind: 'object', entries: [] },
            ],
          },
        ],
        ['c', { kind: 'object', entries: [['d', { kind: 'literal', text: 'true' }]] }],
      ],
    })
    expect(parseJsonTree('"just a string"')).toBeNull()
    expect(parseJsonTree('{broken')).toBeNull()
  })

  it('dumps bytes as offset, hex and ASCII', () => {
    expect(hexDump('48656c6c6f00ff')).toBe(`00000000  48 65 6c 6c 6f 00 ff${' '.repeat(28)}  Hello..`)
    const two = hexDump('00'.repeat(17)).split('\n')
    expect(two).toHaveLength(2)
    expect(two[1]!.startsWith('00000010  00')).toBe(true)
  })

  it('decodes UTF-8 only when the bytes are valid UTF-8', () => {
    expect(decodeUtf8('c3a92041')).toBe('é A')
    expect(decodeUtf8('ff00')).toBeNull()
  })
})
