import { DATE_PATTERNS, type DatePattern } from '../../../shared/contract/date-patterns'

export { DATE_PATTERNS, type DatePattern }

const TEMPORAL =
  /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/** A date or timestamp as read: its parts, and the date orders its text fits. */
export interface TemporalText {
  /** Bit i set: DATE_PATTERNS[i] fits. */
  patterns: number
  time: boolean
  zone: boolean
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
/** Days in month m (1–12) of year y (proleptic Gregorian). */
export const daysIn = (y: number, m: number): number => (m === 2 && leap(y) ? 29 : MONTH_DAYS[m - 1]!)

/** Cheap precheck: 1–4 ASCII digits, then `-`, `/` or `.` (every date starts so). */
function datePrefix(text: string): boolean {
  let i = 0
  while (i < 5) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) i++
    else return i > 0 && (c === 45 || c === 47 || c === 46)
  }
  return false
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

function datePartsOf(match: RegExpExecArray, pattern: DatePattern): [number, number, number] | null {
  const [a, sep, b, c] = [match[1]!, match[2]!, match[3]!, match[4]!]
  if (pattern.charAt(4) === sep || pattern.charAt(2) === sep) {
    if (pattern.startsWith('YYYY') && a.length === 4 && c.length <= 2) return [+a, +b, +c]
    if (pattern.startsWith('DD') && c.length === 4 && a.length <= 2) return [+c, +b, +a]
    if (pattern.startsWith('MM') && c.length === 4 && a.length <= 2) return [+c, +a, +b]
  }
  return null
}

function validTime(match: RegExpExecArray): boolean {
  if (match[6] === undefined) return true
  return +match[6] < 24 && +match[7]! < 60 && (match[8] === undefined || +match[8] < 60)
}

/** Which date orders `text` fits as a valid date or timestamp; null: it is none. */
export function readTemporal(text: string): TemporalText | null {
  if (!datePrefix(text)) return null
  const match = TEMPORAL.exec(text)
  if (!match || !validTime(match)) return null
  let patterns = 0
  DATE_PATTERNS.forEach((pattern, i) => {
    const parts = datePartsOf(match, pattern)
    if (parts && validDate(...parts)) patterns |= 1 << i
  })
  return patterns === 0 ? null : { patterns, time: match[6] !== undefined, zone: match[10] !== undefined }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * `text` read in `pattern` as ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS[.f]` with `+HH:MM`
 * when it had a zone); `toUtc`: an offset is applied and dropped. Null: it does not fit.
 */
export function normalizeTemporal(
  text: string,
  pattern: DatePattern,
  withTime: boolean,
  toUtc: boolean,
): string | null {
  const match = TEMPORAL.exec(text)
  if (!match || !validTime(match)) return null
  const parts = datePartsOf(match, pattern)
  if (!parts || !validDate(...parts)) return null
  const [y, m, d] = parts
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`
  if (!withTime) return match[6] === undefined ? date : null
  const fraction = match[9] ? `.${match[9]}` : ''
  const zone = match[10]
  const hh = +(match[6] ?? 0)
  const mm = +(match[7] ?? 0)
  const ss = +(match[8] ?? 0)
  if (!zone) return `${date} ${pad(hh)}:${pad(mm)}:${pad(ss)}${fraction}`
  const offset =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +(zone.slice(-2) || 0) * (zone.length > 3 ? 1 : 0))
  if (toUtc) {
    const at = new Date(0)
    at.setUTCFullYear(y, m - 1, d) // not Date.UTC: it reads years below 100 as 19xx
    at.setUTCHours(hh, mm - offset, ss)
    const utc = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`
    return `${utc} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${fraction}`
  }
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${date} ${pad(hh)}:${pad(mm)}:${pad(ss)}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The format shown for a column: its date order, with the time and zone it has. */
export function formatText(pattern: DatePattern, time: boolean, zone: boolean): string {
  return `${pattern}${time ? ' HH:mm:ss' : ''}${zone ? ' Z' : ''}`
}

/** The date order a shown format starts with. */
export function patternOf(format: string | null): DatePattern {
  return DATE_PATTERNS.find((p) => format?.startsWith(p)) ?? 'YYYY-MM-DD'
}
