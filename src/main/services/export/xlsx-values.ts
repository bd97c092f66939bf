import type { WireValue } from '../../../shared/contract'
import { plainText } from '../../../shared/formats/value-text'

/** Excel's own limits (a cell's text, a sheet's rows). */
export const XLSX_MAX_CELL_TEXT = 32_767
export const XLSX_MAX_ROWS = 1_048_576

/** A cell as written: empty (NULL), a number, a boolean, text, or a date with its display format. */
export type XlsxCell = null | number | boolean | string | { date: Date; format: string }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/
/** First day Excel counts correctly (its 1900 calendar has a 29 February that never was). */
const FIRST_EXACT_DAY = Date.UTC(1900, 2, 1)
const LAST_DAY = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** Whether a column's declared type is a calendar date or a timestamp (not a time of day, not an interval). */
export function isDateType(type: string | null): boolean {
  if (!type) return false
  const t = type.toLowerCase()
  return /^(date|datetime|datetime2|smalldatetime|timestamp)\b/.test(t) && !/with time zone|tz\b/.test(t)
}

/**
 * The Excel cell for one value, never losing anything: numbers are doubles in Excel as in
 * JavaScript (written in shortest round-trip form); integers beyond 2^53 and decimals (strings from
 * the engine) stay text because Excel would round them; binary is `\x` hex text; a date or
 * timestamp column's value becomes an Excel date only when it has no zone and at most millisecond
 * precision within Excel's calendar (else its text). A text too long for a cell is refused (null).
 */
export function xlsxCell(value: WireValue, dateColumn: boolean): XlsxCell | undefined {
  if (value === null) return null
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : String(value)
  if (typeof value === 'boolean') return value
  const text = plainText(value)
  if (text.length > XLSX_MAX_CELL_TEXT) return undefined
  if (typeof value === 'string' && dateColumn) return excelDate(value) ?? text
  return xmlSafe(text)
}

const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g

/**
 * Text as OOXML holds it: characters XML cannot carry (control characters) as Excel's `_xHHHH_`
 * escapes, and an underscore that would read as one escaped itself (`_x005F_`), so Excel shows
 * the exact text.
 */
function xmlSafe(text: string): string {
  NOT_IN_XML.lastIndex = 0
  if (!NOT_IN_XML.test(text)) return text
  return text.replace(NOT_IN_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
}

function excelDate(text: string): { date: Date; format: string } | null {
  const day = DATE.exec(text)
  if (day) return inRange(Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!), 'yyyy-mm-dd', text.slice(0, 10))
  const at = TIMESTAMP.exec(text)
  if (!at) return null
  const fraction = (at[7] ?? '').replace(/0+$/, '')
  if (fraction.length > 3) return null // microseconds: an Excel date holds milliseconds at best
  const ms = Number(fraction.padEnd(3, '0'))
  const time = Date.UTC(+at[1]!, +at[2]! - 1, +at[3]!, +at[4]!, +at[5]!, +at[6]!, ms)
  const format = fraction ? 'yyyy-mm-dd hh:mm:ss.000' : 'yyyy-mm-dd hh:mm:ss'
  return inRange(time, format, text.slice(0, 10))
}

function inRange(time: number, format: string, day: string): { date: Date; format: string } | null {
  if (!(time >= FIRST_EXACT_DAY && time <= LAST_DAY)) return null
  const date = new Date(time)
  // A day that does not exist (2023-02-30) rolls over in Date.UTC: keep the text.
  return date.toISOString().slice(0, 10) === day ? { date, format } : null
}

const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f]/g

/**
 * Unique Excel sheet names: at most 31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe, not empty, not "History" (reserved); compared case-insensitively as Excel does.
 */
export class SheetNames {
  private readonly taken = new Set<string>()

  next(wanted: string): string {
    const base =
      wanted
        .replace(FORBIDDEN, '_')
        .replace(/^'+|'+$/g, '')
        .trim() || 'Sheet'
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`
      const name = [...base].slice(0, 31 - suffix.length).join('') + suffix
      const key = name.toLowerCase()
      if (key !== 'history' && !this.taken.has(key)) {
        this.taken.add(key)
        return name
      }
    }
  }
}
