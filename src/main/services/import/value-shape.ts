/** What a value's text is as a number, read in one pass (the profiler's hot path). */
export const Shape = {
  None: 0,
  /** `^[+-]?\d+$` */
  Integer: 1,
  /** `^[+-]?(\d+\.?\d*|\.\d+)$`, not an integer */
  Decimal: 2,
  /** A decimal with an exponent, or ±inf/infinity/nan (any case) */
  Float: 3,
} as const
export type Shape = (typeof Shape)[keyof typeof Shape]

const ZERO = 48
const NINE = 57
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE
const SPECIAL_FLOAT = /^[+-]?(inf|infinity|nan)$/i

/**
 * The value's numeric shape, exactly as the regular expressions in the comments on Shape read it
 * (ASCII digits only), without running them.
 */
export function numericShape(text: string): Shape {
  const n = text.length
  let i = 0
  let c = text.charCodeAt(0)
  if (c === 43 || c === 45) c = text.charCodeAt(++i) // + -
  const intStart = i
  while (i < n && isDigit(text.charCodeAt(i))) i++
  const intDigits = i - intStart
  if (i === n) return intDigits > 0 ? Shape.Integer : Shape.None
  let fracDigits = 0
  if (text.charCodeAt(i) === 46) {
    i++
    const fracStart = i
    while (i < n && isDigit(text.charCodeAt(i))) i++
    fracDigits = i - fracStart
  }
  if (intDigits === 0 && fracDigits === 0) {
    const word = i === intStart && (c === 73 || c === 105 || c === 78 || c === 110) // i I n N
    return word && SPECIAL_FLOAT.test(text) ? Shape.Float : Shape.None
  }
  if (i === n) return Shape.Decimal
  c = text.charCodeAt(i)
  if (c !== 101 && c !== 69) return Shape.None // e E
  i++
  c = text.charCodeAt(i)
  if (c === 43 || c === 45) i++
  const expStart = i
  while (i < n && isDigit(text.charCodeAt(i))) i++
  return i === n && i > expStart ? Shape.Float : Shape.None
}

/** Digits before the point (leading zeros not counted) and after it, of a decimal's text. */
export function decimalDigits(text: string): { whole: number; scale: number } {
  let i = 0
  const c = text.charCodeAt(0)
  if (c === 43 || c === 45) i++
  while (text.charCodeAt(i) === ZERO) i++
  const dot = text.indexOf('.', i)
  const end = dot < 0 ? text.length : dot
  return { whole: Math.max(0, end - i), scale: dot < 0 ? 0 : text.length - dot - 1 }
}
