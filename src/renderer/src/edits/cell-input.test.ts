import { describe, expect, it } from 'vitest'
import { inputSpec, inputText, parseInput } from './cell-input'

const parse = (type: string, text: string) => parseInput(inputSpec(type), text)

describe('cell input', () => {
  it('picks the editor from the declared type', () => {
    expect(inputSpec('bigint').kind).toBe('integer')
    expect(inputSpec('int8').kind).toBe('integer')
    expect(inputSpec('UBIGINT').kind).toBe('integer')
    expect(inputSpec('HUGEINT').kind).toBe('integer')
    expect(inputSpec('interval').kind).toBe('text')
    expect(inputSpec('numeric(38,10)').kind).toBe('decimal')
    expect(inputSpec('double precision').kind).toBe('float')
    expect(inputSpec('boolean').kind).toBe('boolean')
    expect(inputSpec('timestamp with time zone').kind).toBe('timestamp')
    expect(inputSpec('time without time zone').kind).toBe('time')
    expect(inputSpec('date').kind).toBe('date')
    expect(inputSpec('jsonb').kind).toBe('json')
    expect(inputSpec('bytea').kind).toBe('binary')
    expect(inputSpec('BLOB').kind).toBe('binary')
    expect(inputSpec("enum('small','it''s big')")).toEqual({ kind: 'enum', options: ['small', "it's big"] })
    expect(inputSpec("enum('a','b') COLLATE utf8mb4_bin")).toEqual({ kind: 'enum', options: ['a', 'b'] })
    expect(inputSpec('', { $: 'bytes', v: '00', n: 1 }).kind).toBe('binary')
    expect(inputSpec(null, true).kind).toBe('boolean')
  })

  it('keeps integers and decimals exact: never a JS number', () => {
    expect(parse('bigint', '9223372036854775807')).toEqual({ ok: true, value: { $: 'int', v: '9223372036854775807' } })
    expect(parse('bigint', '-0042')).toEqual({ ok: true, value: { $: 'int', v: '-42' } })
    expect(parse('bigint', '+7')).toEqual({ ok: true, value: { $: 'int', v: '7' } })
    expect(parse('bigint', '1.5').ok).toBe(false)
    expect(parse('bigint', '1e3').ok).toBe(false)
    expect(parse('numeric(38,0)', '99999999999999999999999999999999999999')).toEqual({
      ok: true,
      value: '99999999999999999999999999999999999999',
    })
    expect(parse('numeric', '0.1000')).toEqual({ ok: true, value: '0.1000' })
    expect(parse('numeric', 'abc').ok).toBe(false)
    expect(parse('real', 'NaN')).toEqual({ ok: true, value: { $: 'float', v: 'NaN' } })
  })

  it('checks dates, times, timestamps with zones and fractions, JSON, booleans, enums', () => {
    expect(parse('date', '2024-02-29').ok).toBe(true)
    expect(parse('date', '29/02/2024').ok).toBe(false)
    expect(parse('timestamptz', '2024-02-29 23:59:59.123456+05:30')).toEqual({
      ok: true,
      value: '2024-02-29 23:59:59.123456+05:30',
    })
    expect(parse('timestamp', '2024-02-29T10:00:00Z').ok).toBe(true)
    expect(parse('timestamp', 'yesterday').ok).toBe(false)
    expect(parse('time', '10:30:00.5').ok).toBe(true)
    expect(parse('json', '{"n": 12345678901234567890}')).toEqual({ ok: true, value: '{"n": 12345678901234567890}' })
    expect(parse('json', '{n: 1}').ok).toBe(false)
    expect(parse('boolean', 'FALSE')).toEqual({ ok: true, value: false })
    expect(parse('boolean', 'maybe').ok).toBe(false)
    expect(parse("enum('a','b')", 'b')).toEqual({ ok: true, value: 'b' })
    expect(parse("enum('a','b')", 'c').ok).toBe(false)
  })

  it('reads binary from hex, with or without a prefix', () => {
    expect(parse('bytea', '\\xDEAD beef')).toEqual({ ok: true, value: { $: 'bytes', v: 'deadbeef', n: 4 } })
    expect(parse('bytea', '0x00')).toEqual({ ok: true, value: { $: 'bytes', v: '00', n: 1 } })
    expect(parse('bytea', '')).toEqual({ ok: true, value: { $: 'bytes', v: '', n: 0 } })
    expect(parse('bytea', 'abc').ok).toBe(false)
  })

  it('keeps text exactly, spaces and line breaks included', () => {
    expect(parse('text', '  two\nlines ')).toEqual({ ok: true, value: '  two\nlines ' })
    expect(parse('text', '')).toEqual({ ok: true, value: '' })
  })

  it('starts the editor from the value; a value held in part cannot be edited as text', () => {
    expect(inputText(null)).toBe('')
    expect(inputText({ $: 'int', v: '-9223372036854775808' })).toBe('-9223372036854775808')
    expect(inputText({ $: 'bytes', v: 'ff', n: 1 })).toBe('\\xff')
    expect(inputText({ $: 'bytes', v: 'ff', n: 100 })).toBeNull()
    expect(inputText(1.5)).toBe('1.5')
  })
})
