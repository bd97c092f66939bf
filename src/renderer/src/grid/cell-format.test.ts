import { describe, expect, it } from 'vitest'
import { cpuMs } from '../../../../test/helpers/cpu-clock'
import { CELL_TEXT_LIMIT, describeValue, formatCell, fullText } from './cell-format'

const real = { name: 'x', type: 'REAL' }
const integer = { name: 'n', type: 'INTEGER' }
const numeric = { name: 'amount', type: 'numeric(12,2)' }

describe('formatCell', () => {
  it('tells NULL from the empty string', () => {
    expect(formatCell(null)).toEqual({ text: 'NULL', kind: 'null' })
    expect(formatCell('')).toEqual({ text: '', kind: 'empty' })
    expect(formatCell('NULL')).toEqual({ text: 'NULL', kind: 'text' })
  })

  it('prints booleans', () => {
    expect(formatCell(true)).toEqual({ text: 'true', kind: 'bool' })
    expect(formatCell(false)).toEqual({ text: 'false', kind: 'bool' })
  })

  it('prints numbers like the engine', () => {
    expect(formatCell(42, integer)).toEqual({ text: '42', kind: 'number' })
    expect(formatCell(-7)).toEqual({ text: '-7', kind: 'number' })
    expect(formatCell(0.1 + 0.2)).toEqual({ text: '0.30000000000000004', kind: 'number' })
    expect(formatCell(1, real, 'sqlite').text).toBe('1.0')
    expect(formatCell(-3, { name: 'd', type: 'double precision' }, 'sqlite').text).toBe('-3.0')
    expect(formatCell(2.5, real, 'sqlite').text).toBe('2.5')
    expect(formatCell(1e21, real, 'sqlite').text).toBe('1.0e+21')
    expect(formatCell(1e20, integer, 'sqlite').text).toBe('100000000000000000000')
    expect(formatCell(-0, real, 'sqlite').text).toBe('-0.0')
    expect(formatCell(-0, integer).text).toBe('0')
    // Without an engine, JavaScript's shortest text: no ".0" the value does not have.
    expect(formatCell(1, real).text).toBe('1')
  })

  it("shows a float column's numbers as the engine's client prints them", () => {
    const float8 = { name: 'f', type: 'double precision' }
    const float4 = { name: 'f', type: 'real' }
    expect(formatCell(1e20, float8, 'postgres')).toEqual({ text: '1e+20', kind: 'number' })
    expect(formatCell(16777216, float4, 'postgres').text).toBe('1.6777216e+07')
    expect(formatCell(100, float8, 'postgres').text).toBe('100')
    expect(formatCell(1e20, { name: 'd', type: 'double' }, 'mysql').text).toBe('1e20')
    expect(formatCell(1e20, { name: 'd', type: 'DOUBLE' }, 'duckdb').text).toBe('1e+20')
    expect(formatCell(100, { name: 'd', type: 'DOUBLE' }, 'duckdb').text).toBe('100.0')
    expect(fullText(1e20, float8, 'postgres')).toBe('1e+20')
    // Integers are not floats, whatever their size.
    expect(formatCell(100, { name: 'i', type: 'bigint' }, 'postgres').text).toBe('100')
    expect(formatCell(1, { name: 'e', type: null }).text).toBe('1')
  })

  it('keeps every digit of a big integer', () => {
    expect(formatCell({ $: 'int', v: '9007199254740993' })).toEqual({ text: '9007199254740993', kind: 'number' })
    expect(formatCell({ $: 'int', v: '-170141183460469231731687303715884105728' }).text).toBe(
      '-170141183460469231731687303715884105728',
    )
    expect(fullText({ $: 'int', v: '9007199254740993' })).toBe('9007199254740993')
  })

  it('aligns exact decimals sent as text like numbers', () => {
    expect(formatCell('12345678901234567890.12', numeric)).toEqual({ text: '12345678901234567890.12', kind: 'number' })
    expect(formatCell('NaN', numeric).kind).toBe('number')
    expect(formatCell('12.5')).toEqual({ text: '12.5', kind: 'text' })
    expect(formatCell('n/a', numeric).kind).toBe('text')
  })

  it('prints bytes as \\x hex, cut in the cell', () => {
    expect(formatCell({ $: 'bytes', v: 'deadbeef', n: 4 })).toEqual({ text: '\\xdeadbeef', kind: 'bytes' })
    expect(formatCell({ $: 'bytes', v: '', n: 0 })).toEqual({ text: '\\x', kind: 'bytes' })
    const big = { $: 'bytes' as const, v: 'ab'.repeat(1000), n: 1000 }
    const cell = formatCell(big)
    expect(cell.text.length).toBeLessThan(200)
    expect(cell.text.endsWith('…')).toBe(true)
    expect(fullText(big)).toBe(`\\x${'ab'.repeat(1000)}\n\n(1,000 bytes)`)
    // The wire may carry only the first bytes of a huge value; n is still the real length.
    expect(fullText({ $: 'bytes', v: '0102', n: 5_000_000 })).toBe('\\x0102\n\n(5,000,000 bytes, first 2 shown)')
    expect(formatCell({ $: 'bytes', v: '0102', n: 3 }).text).toBe('\\x0102…')
  })

  it('cuts long text for the cell and keeps it whole for the viewer', () => {
    const tenMb = 'x'.repeat(10 * 1024 * 1024)
    const started = cpuMs()
    const cell = formatCell(tenMb)
    expect(cpuMs() - started).toBeLessThan(50)
    expect(cell.kind).toBe('text')
    expect(cell.text).toHaveLength(CELL_TEXT_LIMIT + 1)
    expect(cell.text.endsWith('…')).toBe(true)
    expect(fullText(tenMb)).toBe(tenMb)
    expect(describeValue(tenMb)).toBe('10,485,760 characters')
  })

  it('does not split a surrogate pair when cutting', () => {
    const text = 'a'.repeat(CELL_TEXT_LIMIT - 1) + '😀' + 'tail'
    const cell = formatCell(text)
    expect(cell.text).toBe('a'.repeat(CELL_TEXT_LIMIT - 1) + '…')
  })

  it('shows line breaks, tabs and control characters as visible symbols', () => {
    expect(formatCell('a\nb\r\nc\td').text).toBe('a↵b↵c⇥d')
    expect(formatCell('nul\u0000 esc\u001b cr\r del\u007f').text).toBe('nul␀ esc␛ cr␍ del␡')
    expect(fullText('a\nb\tc')).toBe('a\nb\tc')
  })

  it('keeps markup as plain text', () => {
    const html = '<script>alert(1)</script><b>x</b>&amp;'
    expect(formatCell(html)).toEqual({ text: html, kind: 'text' })
    expect(fullText(html)).toBe(html)
  })
})

describe('fullText', () => {
  it('shows NULL, booleans and numbers', () => {
    expect(fullText(null)).toBe('NULL')
    expect(fullText('')).toBe('')
    expect(fullText(false)).toBe('false')
    expect(fullText(3, real, 'sqlite')).toBe('3.0')
  })

  it('pretty-prints JSON objects and arrays, exactly', () => {
    expect(fullText('{"a":1,"b":[true,null,"x,y"],"c":{}}')).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    null,\n    "x,y"\n  ],\n  "c": {}\n}',
    )
    expect(fullText('{"id": 9007199254740993, "f": 1.50}')).toBe('{\n  "id": 9007199254740993,\n  "f": 1.50\n}')
    expect(fullText('[ ]')).toBe('[]')
    expect(fullText('{"q":"say \\"hi\\" {not: json}","k":"\\\\"}')).toBe(
      '{\n  "q": "say \\"hi\\" {not: json}",\n  "k": "\\\\"\n}',
    )
  })

  it('leaves other text alone', () => {
    expect(fullText('42')).toBe('42')
    expect(fullText('"quoted"')).toBe('"quoted"')
    expect(fullText('{not json')).toBe('{not json')
    expect(fullText('[1, 2')).toBe('[1, 2')
  })
})

describe('non-finite floats', () => {
  it('shows Infinity, -Infinity and NaN as the engine does, never as NULL', () => {
    expect(formatCell({ $: 'float', v: 'Infinity' })).toEqual({ text: 'Infinity', kind: 'number' })
    expect(formatCell({ $: 'float', v: '-Infinity' }).text).toBe('-Infinity')
    expect(fullText({ $: 'float', v: 'NaN' })).toBe('NaN')
  })
})
