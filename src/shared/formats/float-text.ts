/**
 * How an engine's own client prints a binary float, as data in its descriptor. A grid cell shows
 * the same text: the shortest digits that read back as the same value (float32's for 4-byte
 * types), in the engine's notation, never a digit the value does not have.
 */
export interface FloatTextStyle {
  /** Leading words (lower case) of the engine's 4-byte float types. */
  singleTypes: readonly string[]
  /** Leading words (lower case) of its 8-byte float types. */
  doubleTypes: readonly string[]
  /** Decimal exponents (of the first digit) printed in plain notation, [lowest, highest]. */
  plain: { double: readonly [number, number]; single: readonly [number, number] }
  /** MySQL: a number with digits after the point stays plain however large it is. */
  plainWithFraction?: boolean
  /** `e+20`/`e-05` ('e+dd'), `E+20`/`E-05` ('E+dd'), `e20`/`e-5` ('e'), `e+20`/`e-5` ('e+'). */
  exponent: 'e+dd' | 'E+dd' | 'e' | 'e+'
  /** `.0` after a whole number in plain notation (`100.0`: 'plain'), also after a one-digit mantissa (`1.0e+20`: 'both'). */
  pointZero: 'none' | 'plain' | 'both'
}

/** JavaScript's own notation (String(n)): the style of engines whose clients are JavaScript. */
export const JS_FLOAT_TEXT: FloatTextStyle = {
  singleTypes: [],
  doubleTypes: [],
  plain: { double: [-7, 20], single: [-7, 20] },
  exponent: 'e+',
  pointZero: 'none',
}

const startsWithWord = (type: string, word: string): boolean =>
  type.startsWith(word) && !/[a-z0-9_]/.test(type.charAt(word.length))

/** 'single' or 'double' for a float column type of the engine; null for any other type. */
export function floatKind(style: FloatTextStyle, type: string | null | undefined): 'single' | 'double' | null {
  if (!type) return null
  const lower = type.trim().toLowerCase()
  if (style.singleTypes.some((word) => startsWithWord(lower, word))) return 'single'
  if (style.doubleTypes.some((word) => startsWithWord(lower, word))) return 'double'
  return null
}

/** The shortest digits (no trailing zeros) and decimal exponent that read back as `abs`. */
function shortest(abs: number, single: boolean): { digits: string; exp: number } {
  let text = abs.toExponential()
  // A value that is exactly a float32 takes float32's shortest digits (9 at most).
  if (single && Math.fround(abs) === abs) {
    for (let digits = 1; digits <= 9; digits++) {
      const candidate = abs.toExponential(digits - 1)
      if (Math.fround(Number(candidate)) === abs) {
        text = candidate
        break
      }
    }
  }
  const [mantissa = '0', exp = '0'] = text.split('e')
  return { digits: mantissa.replace('.', '').replace(/0+$/, '') || '0', exp: Number(exp) }
}

function exponentText(exp: number, style: FloatTextStyle['exponent']): string {
  const sign = exp < 0 ? '-' : '+'
  const size = String(Math.abs(exp))
  if (style === 'e') return `e${exp}`
  if (style === 'e+') return `e${sign}${size}`
  return `${style === 'E+dd' ? 'E' : 'e'}${sign}${size.padStart(2, '0')}`
}

/** A finite float's text in the engine's notation (`kind`: the column's float type). */
export function floatText(n: number, style: FloatTextStyle, kind: 'single' | 'double'): string {
  const sign = n < 0 || Object.is(n, -0) ? '-' : ''
  const { digits, exp } = n === 0 ? { digits: '0', exp: 0 } : shortest(Math.abs(n), kind === 'single')
  const [lowest, highest] = style.plain[kind]
  const hasFraction = digits.length > exp + 1
  const plain = exp >= lowest && (exp <= highest || (style.plainWithFraction === true && hasFraction))
  if (plain) {
    const whole = exp >= 0 ? digits.slice(0, exp + 1).padEnd(exp + 1, '0') : '0'
    const fraction = exp >= 0 ? digits.slice(exp + 1) : '0'.repeat(-exp - 1) + digits
    if (fraction) return `${sign}${whole}.${fraction}`
    return `${sign}${whole}${style.pointZero === 'none' ? '' : '.0'}`
  }
  const mantissa =
    digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : style.pointZero === 'both' ? `${digits}.0` : digits
  return `${sign}${mantissa}${exponentText(exp, style.exponent)}`
}
