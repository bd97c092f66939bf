import { describe, expect, it } from 'vitest'
import { Shape, decimalDigits, numericShape } from './value-shape'
import { daysIn } from './temporal-formats'

// The regular expressions the profiler ran on every value before; the one-pass reader must agree.
const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i
const byRegex = (v: string): Shape =>
  INTEGER.test(v) ? Shape.Integer : DECIMAL.test(v) ? Shape.Decimal : FLOAT.test(v) ? Shape.Float : Shape.None

describe('numericShape', () => {
  it('reads edge cases as the regular expressions do', () => {
    const cases = [
      '',
      '+',
      '-',
      '.',
      '+.',
      '0',
      '-0',
      '+12',
      '1.',
      '.5',
      '-.5',
      '1.5e',
      '1e5',
      '1E+5',
      '1e-',
      'e5',
      '.e5',
      'inf',
      '-Infinity',
      'NaN',
      'nan1',
      'infinit',
      '1 ',
      ' 1',
      '١٢',
      '12a',
      '1.2.3',
      '9223372036854775808',
    ]
    for (const v of cases) expect([v, numericShape(v)]).toEqual([v, byRegex(v)])
  })

  it('agrees with them on 200,000 random strings of number-like characters', () => {
    const alphabet = '0123456789+-.eEinfatyINF x'
    let seed = 17
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let k = 0; k < 200_000; k++) {
      let v = ''
      const length = Math.floor(next() * 8)
      for (let i = 0; i < length; i++) v += alphabet[Math.floor(next() * alphabet.length)]
      if (numericShape(v) !== byRegex(v)) expect([v, numericShape(v)]).toEqual([v, byRegex(v)])
    }
  })
})

describe('decimalDigits', () => {
  it('counts digits before the point without leading zeros, and after it', () => {
    expect(decimalDigits('-0012.340')).toEqual({ whole: 2, scale: 3 })
    expect(decimalDigits('0.5')).toEqual({ whole: 0, scale: 1 })
    expect(decimalDigits('.25')).toEqual({ whole: 0, scale: 2 })
    expect(decimalDigits('+700')).toEqual({ whole: 3, scale: 0 })
    expect(decimalDigits('000')).toEqual({ whole: 0, scale: 0 })
  })
})

describe('daysIn', () => {
  it('agrees with the calendar for every month of 2,000 years, leap years included', () => {
    for (let y = 1; y <= 2400; y += y < 1500 ? 97 : 1) {
      for (let m = 1; m <= 12; m++) {
        const at = new Date(0)
        at.setUTCFullYear(y, m, 0)
        expect([y, m, daysIn(y, m)]).toEqual([y, m, at.getUTCDate()])
      }
    }
  })
})
