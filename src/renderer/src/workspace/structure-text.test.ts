import { describe, expect, it } from 'vitest'
import { indexKind, nullableText } from './structure-text'

describe('structure text', () => {
  it("names an index's kind from its method, WHERE and expression parts", () => {
    expect(indexKind({ method: 'gin', predicate: null, expressions: false })).toBe('gin')
    expect(indexKind({ method: 'btree', predicate: 'a > 0', expressions: true })).toBe('btree · partial · expression')
    expect(indexKind({ method: null, predicate: 'a > 0', expressions: false })).toBe('partial')
    expect(indexKind({ method: null, predicate: null, expressions: false })).toBe('—')
  })

  it('says nullable as yes/no', () => {
    expect([nullableText(true), nullableText(false)]).toEqual(['yes', 'no'])
  })
})
