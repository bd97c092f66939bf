/**
 * SQL Server values decoded from their TDS bytes to the text SQL Server itself prints (SSMS,
 * sqlcmd, CONVERT style 121): nothing through a JS number or Date, so decimal(38,x), money,
 * datetime2(7) and datetimeoffset keep every digit and the offset. Pure functions of the bytes.
 */

const pad = (value: number | bigint, width: number): string => String(value).padStart(width, '0')

/** decimal/numeric: sign byte (1 = positive) then the magnitude, little-endian, over 10^scale. */
export function decimalText(bytes: Buffer, scale: number): string {
  const negative = bytes[0] === 0
  let magnitude = 0n
  for (let i = bytes.length - 1; i >= 1; i--) magnitude = (magnitude << 8n) | BigInt(bytes[i]!)
  return (negative && magnitude !== 0n ? '-' : '') + scaled(magnitude, scale)
}

/** A non-negative integer over 10^scale, with exactly `scale` decimals. */
function scaled(magnitude: bigint, scale: number): string {
  const digits = magnitude.toString().padStart(scale + 1, '0')
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** money (8 bytes: high 32 bits then low 32 bits) or smallmoney (4 bytes), in ten-thousandths. */
export function moneyText(bytes: Buffer): string {
  const units =
    bytes.length === 4
      ? BigInt(bytes.readInt32LE(0))
      : (BigInt(bytes.readInt32LE(0)) << 32n) | BigInt(bytes.readUInt32LE(4))
  const text = scaled(units < 0n ? -units : units, 4)
  return units < 0n ? `-${text}` : text
}

/** Days since 0001-01-01 (proleptic Gregorian) as yyyy-mm-dd. */
function civilDate(daysSinceYear1: number): string {
  // 0001-01-01 is 719,162 days before 1970-01-01; Date's UTC calendar is proleptic Gregorian too.
  const date = new Date((daysSinceYear1 - 719_162) * 86_400_000)
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`
}

/** date: 3 bytes, days since 0001-01-01. */
export const dateText = (bytes: Buffer): string => civilDate(bytes.readUIntLE(0, 3))

/** Units of 10^-scale seconds since midnight, as hh:mm:ss[.fraction] with `scale` digits. */
function clock(units: bigint, scale: number): string {
  const perSecond = 10n ** BigInt(scale)
  const seconds = units / perSecond
  const fraction = units % perSecond
  const hms = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`
  return scale === 0 ? hms : `${hms}.${pad(fraction, scale)}`
}

const timeUnits = (bytes: Buffer, length: number): bigint => BigInt(bytes.readUIntLE(0, length))

/** time(n). */
export const timeText = (bytes: Buffer, scale: number): string => clock(timeUnits(bytes, bytes.length), scale)

/** datetime2(n): the time part, then 3 bytes of days. */
export function dateTime2Text(bytes: Buffer, scale: number): string {
  const length = bytes.length - 3
  return `${civilDate(bytes.readUIntLE(length, 3))} ${clock(timeUnits(bytes, length), scale)}`
}

/**
 * datetimeoffset(n): a UTC datetime2 then the offset in minutes (int16). Printed as SQL Server
 * does: the local time at that offset, then the offset (`2024-05-01 12:30:00.1234567 +02:00`).
 */
export function dateTimeOffsetText(bytes: Buffer, scale: number): string {
  const length = bytes.length - 5
  const offset = bytes.readInt16LE(length + 3)
  const perDay = 86_400n * 10n ** BigInt(scale)
  const perMinute = 60n * 10n ** BigInt(scale)
  let days = bytes.readUIntLE(length, 3)
  let units = timeUnits(bytes, length) + BigInt(offset) * perMinute
  if (units < 0n) {
    units += perDay
    days--
  } else if (units >= perDay) {
    units -= perDay
    days++
  }
  const sign = offset < 0 ? '-' : '+'
  const minutes = Math.abs(offset)
  return `${civilDate(days)} ${clock(units, scale)} ${sign}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`
}

/** Days from 0001-01-01 to 1900-01-01, the epoch of datetime and smalldatetime. */
const DAYS_TO_1900 = 693_595

/**
 * datetime: days since 1900-01-01 (int32) and 1/300 s ticks (uint32). SQL Server prints the ticks
 * rounded to milliseconds (.000, .003, .007).
 */
export function dateTimeText(bytes: Buffer): string {
  let days = bytes.readInt32LE(0) + DAYS_TO_1900
  let ms = Math.round((bytes.readUInt32LE(4) * 10) / 3)
  if (ms >= 86_400_000) {
    ms -= 86_400_000
    days++
  }
  return `${civilDate(days)} ${clock(BigInt(ms), 3)}`
}

/** smalldatetime: days since 1900-01-01 (uint16) and minutes (uint16); printed with :00 seconds. */
export function smallDateTimeText(bytes: Buffer): string {
  const minutes = bytes.readUInt16LE(2)
  return `${civilDate(bytes.readUInt16LE(0) + DAYS_TO_1900)} ${clock(BigInt(minutes * 60), 0)}`
}
