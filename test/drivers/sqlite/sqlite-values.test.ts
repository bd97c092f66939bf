import { describe, expect, it } from 'vitest'
import { toWireValue } from '../../../src/main/drivers/sqlite/sqlite-values'

describe('SQLite cells to batch cells', () => {
  it('keeps text exact: quotes, controls, non-ASCII, emoji and lone surrogates', () => {
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
      'long '.repeat(100) + '\ud83d',
    ]
    for (const text of samples) expect(toWireValue(text)).toBe(text)
  })

  it('tags what a number cannot carry exactly', () => {
    expect(toWireValue(9007199254740993n)).toEqual({ $: 'int', v: '9007199254740993' })
    expect(toWireValue(-42n)).toBe(-42)
    expect(toWireValue(Number.NaN)).toEqual({ $: 'float', v: 'NaN' })
    expect(toWireValue(-0)).toBe(-0)
    expect(toWireValue(Buffer.from([0, 255]))).toEqual({ $: 'bytes', v: '00ff', n: 2 })
    expect(toWireValue(null)).toBeNull()
  })

  it('keeps every 64-bit integer exact at the edge of the safe range and of int64', () => {
    const safe = BigInt(Number.MAX_SAFE_INTEGER)
    for (const v of [0n, safe - 1n, safe, -safe]) expect(toWireValue(v)).toBe(Number(v))
    for (const v of [safe + 1n, safe + 2n, -safe - 1n, -safe - 2n, 2n ** 63n - 1n, -(2n ** 63n)])
      expect(toWireValue(v)).toEqual({ $: 'int', v: v.toString() })
  })
})
