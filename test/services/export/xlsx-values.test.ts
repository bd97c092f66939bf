import { describe, expect, it } from 'vitest'
import { isDateType, SheetNames, xlsxCell } from '../../../src/main/services/export/xlsx-values'

describe('xlsxCell: each value exactly, or as text', () => {
  it('keeps numbers, booleans and NULL as typed cells', () => {
    expect(xlsxCell(null, false)).toBeNull()
    expect(xlsxCell(42, false)).toBe(42)
    expect(xlsxCell(0.1, false)).toBe(0.1)
    expect(xlsxCell(-0, false)).toBe(0)
    expect(xlsxCell(true, false)).toBe(true)
    expect(xlsxCell('', false)).toBe('')
  })

  it('writes what Excel would round as text: int64 beyond 2^53, decimals, NaN, binary', () => {
    expect(xlsxCell({ $: 'int', v: '9223372036854775807' }, false)).toBe('9223372036854775807')
    expect(xlsxCell('12345678901234567890.123456789', false)).toBe('12345678901234567890.123456789')
    expect(xlsxCell({ $: 'float', v: 'NaN' }, false)).toBe('NaN')
    expect(xlsxCell({ $: 'bytes', v: 'deadbeef', n: 4 }, false)).toBe('\\xdeadbeef')
  })

  it('turns a date column value into an Excel date only when lossless', () => {
    expect(xlsxCell('2024-02-29', true)).toEqual({ date: new Date(Date.UTC(2024, 1, 29)), format: 'yyyy-mm-dd' })
    expect(xlsxCell('2024-02-29 13:45:01.250', true)).toEqual({
      date: new Date(Date.UTC(2024, 1, 29, 13, 45, 1, 250)),
      format: 'yyyy-mm-dd hh:mm:ss.000',
    })
    expect(xlsxCell('2024-02-29T13:45:01', true)).toMatchObject({ format: 'yyyy-mm-dd hh:mm:ss' })
    // Microseconds, a zone, Excel's false 1900 leap day, a day that does not exist: text.
    expect(xlsxCell('2024-02-29 13:45:01.123456', true)).toBe('2024-02-29 13:45:01.123456')
    expect(xlsxCell('2024-02-29 13:45:01+02', true)).toBe('2024-02-29 13:45:01+02')
    expect(xlsxCell('1900-02-28', true)).toBe('1900-02-28')
    expect(xlsxCell('2023-02-30', true)).toBe('2023-02-30')
    // The same text in a text column stays text.
    expect(xlsxCell('2024-02-29', false)).toBe('2024-02-29')
  })

  it("escapes what XML cannot hold as Excel's _xHHHH_, and an underscore that would read as one", () => {
    expect(xlsxCell('a\u0001b', false)).toBe('a_x0001_b')
    expect(xlsxCell('tab\tline\nok', false)).toBe('tab\tline\nok')
    expect(xlsxCell('_x0041_ and x_y', false)).toBe('_x005F_x0041_ and x_y')
  })

  it('refuses a text longer than an Excel cell holds', () => {
    expect(xlsxCell('x'.repeat(32_767), false)).toHaveLength(32_767)
    expect(xlsxCell('x'.repeat(32_768), false)).toBeUndefined()
  })

  it('knows date and timestamp types, not times of day, intervals or zoned timestamps', () => {
    for (const t of ['date', 'DATE', 'timestamp', 'timestamp without time zone', 'datetime', 'DATETIME2', 'TIMESTAMP'])
      expect(isDateType(t), t).toBe(true)
    for (const t of [null, 'time', 'interval', 'timestamptz', 'timestamp with time zone', 'text', 'datetimeoffset'])
      expect(isDateType(t), String(t)).toBe(false)
  })
})

describe('SheetNames', () => {
  it('sanitises, shortens to 31 characters and keeps names unique (case-insensitively)', () => {
    const names = new SheetNames()
    expect(names.next('a[b]:c*d?e/f\\g')).toBe('a_b__c_d_e_f_g')
    expect(names.next('x'.repeat(40))).toBe('x'.repeat(31))
    expect(names.next('X'.repeat(40))).toBe(`${'X'.repeat(27)} (2)`)
    expect(names.next('events')).toBe('events')
    expect(names.next('EVENTS')).toBe('EVENTS (2)')
    expect(names.next("'quoted'")).toBe('quoted')
    expect(names.next('')).toBe('Sheet')
    expect(names.next('History')).toBe('History (2)')
  })
})
