import { createRequire } from 'node:module'
import {
  dateText,
  dateTime2Text,
  dateTimeOffsetText,
  dateTimeText,
  decimalText,
  moneyText,
  smallDateTimeText,
  timeText,
} from './mssql-tds-text'

/** The slice of tedious's column metadata the decoders read. */
export interface TdsColumnMetadata {
  type: { name: string }
  scale?: number
}

/** tedious's value reader: the value at `offset`, and the offset after it. */
type ReadValue = (
  buf: Buffer,
  offset: number,
  metadata: TdsColumnMetadata,
  options: unknown,
) => { value: unknown; offset: number }

/** sql_variant base type ids (MS-TDS 2.2.5.4) of the values read exactly. */
const VARIANT = {
  date: 0x28,
  time: 0x29,
  datetime2: 0x2a,
  datetimeoffset: 0x2b,
  smalldatetime: 0x3a,
  money: 0x3c,
  datetime: 0x3d,
  decimal: 0x6a,
  numeric: 0x6c,
  smallmoney: 0x7a,
} as const

/**
 * The exact text of a value, given its bytes after any length prefix (`data`), or undefined for
 * types tedious already reads exactly (integers as numbers, bigint as text, strings, binary…).
 */
export function exactText(typeName: string, data: Buffer, scale: number): string | undefined {
  switch (typeName) {
    case 'DecimalN':
    case 'NumericN':
      return decimalText(data, scale)
    case 'Money':
    case 'SmallMoney':
    case 'MoneyN':
      return moneyText(data)
    case 'DateTime':
      return dateTimeText(data)
    case 'SmallDateTime':
      return smallDateTimeText(data)
    case 'DateTimeN':
      return data.length === 4 ? smallDateTimeText(data) : dateTimeText(data)
    case 'Date':
      return dateText(data)
    case 'Time':
      return timeText(data, scale)
    case 'DateTime2':
      return dateTime2Text(data, scale)
    case 'DateTimeOffset':
      return dateTimeOffsetText(data, scale)
  }
  return undefined
}

/** Fixed-length types carry no length byte; the others one (0 = NULL). */
const FIXED = new Set(['Money', 'SmallMoney', 'DateTime', 'SmallDateTime'])

/** sql_variant: base type, property bytes (precision/scale), then the value. */
function variantText(bytes: Buffer): string | undefined {
  const base = bytes[0]!
  const props = bytes[1]!
  const value = bytes.subarray(2 + props)
  switch (base) {
    case VARIANT.decimal:
    case VARIANT.numeric:
      return decimalText(value, bytes[3]!)
    case VARIANT.money:
    case VARIANT.smallmoney:
      return moneyText(value)
    case VARIANT.datetime:
      return dateTimeText(value)
    case VARIANT.smalldatetime:
      return smallDateTimeText(value)
    case VARIANT.date:
      return dateText(value)
    case VARIANT.time:
      return timeText(value, bytes[2]!)
    case VARIANT.datetime2:
      return dateTime2Text(value, bytes[2]!)
    case VARIANT.datetimeoffset:
      return dateTimeOffsetText(value, bytes[2]!)
  }
  return undefined
}

/**
 * Reads one value exactly: tedious reads it first (which checks that all its bytes have arrived,
 * and waits for more otherwise), then the bytes it consumed are decoded again into SQL Server's text.
 */
export function exactReader(original: ReadValue): ReadValue {
  return (buf, offset, metadata, options) => {
    const result = original(buf, offset, metadata, options)
    if (result.value === null) return result
    const name = metadata.type.name
    let text: string | undefined
    if (name === 'Variant') text = variantText(buf.subarray(offset + 4, result.offset))
    else {
      const data = buf.subarray(FIXED.has(name) ? offset : offset + 1, result.offset)
      text = exactText(name, data, metadata.scale ?? 0)
    }
    if (text !== undefined) result.value = text
    return result
  }
}

let installed: boolean | null = null

/**
 * Makes tedious read decimal, money and date/time values as SQL Server's exact text. tedious reads
 * them into JS numbers (15–17 digits: decimal(38,x) and large money lose digits) and Dates
 * (milliseconds: datetime2(7) loses its last 4 digits, datetimeoffset its offset), and has no
 * option to do otherwise. Its row parsers call the value reader through its module's exports, so
 * that one export is wrapped, once per process. Returns false if tedious no longer has that shape;
 * the driver then falls back to tedious's own values (and says so in its version string).
 */
export function installExactValues(): boolean {
  if (installed !== null) return installed
  try {
    const parser = createRequire(import.meta.url)('tedious/lib/value-parser') as { readValue?: ReadValue }
    const original = parser.readValue
    if (typeof original !== 'function' || original.length !== 4) return (installed = false)
    parser.readValue = exactReader(original)
    installed = true
  } catch {
    installed = false
  }
  return installed
}
