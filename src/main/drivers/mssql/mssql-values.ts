import type { ResultColumn, WireValue } from '../../../shared/contract'
import type { MssqlColumn } from './mssql-client'
import { spatialText } from './mssql-spatial'

/** Turns one non-NULL cell, as the driver receives it, into its wire value (see WireValue). */
export type CellConverter = (value: unknown) => WireValue

/** Length mssql reports for (n)varchar(max) and varbinary(max). */
const MAX_LENGTH = 65_535

const declarationOf = (column: MssqlColumn): string => {
  const declaration = (column.type as { declaration?: string } | undefined)?.declaration
  return column.udt?.name?.toLowerCase() ?? declaration ?? 'unknown'
}

/** The column's type as SQL Server declares it: `nvarchar(50)`, `decimal(38,10)`, `datetime2(7)`. */
export function typeName(column: MssqlColumn): string {
  const name = declarationOf(column)
  const length = column.length ?? 0
  switch (name) {
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'binary':
      return `${name}(${length >= MAX_LENGTH ? 'max' : length})`
    case 'nvarchar':
    case 'nchar':
      return `${name}(${length >= MAX_LENGTH ? 'max' : length / 2})`
    case 'decimal':
    case 'numeric':
      return `${name}(${column.precision ?? 18},${column.scale ?? 0})`
    case 'time':
    case 'datetime2':
    case 'datetimeoffset':
      return `${name}(${column.scale ?? 7})`
    case 'variant':
      return 'sql_variant'
    default:
      return name
  }
}

export const resultColumns = (columns: MssqlColumn[]): ResultColumn[] =>
  columns.map((column) => ({ name: column.name, type: typeName(column) }))

/** bigint arrives as its decimal text (tedious): a number within ±(2^53−1), else tagged. */
const bigint: CellConverter = (value) => {
  const text = String(value)
  const number = Number(text)
  return Number.isSafeInteger(number) ? number : { $: 'int', v: text }
}

/** real: tedious widens the float32 to a double (0.1 → 0.10000000149…); SQL Server prints the shortest form. */
const real: CellConverter = (value) => {
  const number = value as number
  for (let digits = 1; digits <= 9; digits++) {
    const short = Number(number.toPrecision(digits))
    if (Math.fround(short) === number) return short
  }
  return number
}

const bytes = (buffer: Buffer): WireValue => ({ $: 'bytes', v: buffer.toString('hex'), n: buffer.length })

/** bit as SQL Server prints it: 1 or 0. */
const bit: CellConverter = (value) => (value ? 1 : 0)

/** geography/geometry as WKT (see mssql-spatial), or their bytes when the reader cannot tell. */
const spatial =
  (geography: boolean): CellConverter =>
  (value) =>
    Buffer.isBuffer(value) ? (spatialText(value, geography) ?? bytes(value)) : generic(value)

/**
 * Anything else: strings (text, xml, uniqueidentifier, and decimal/money/date/time values, which
 * the exact reader hands over as SQL Server's text), numbers, booleans, buffers. A Date only
 * appears if the exact reader is not installed: it is printed in UTC to the millisecond.
 */
const generic: CellConverter = (value) => {
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'bigint') return bigint(value)
  if (Buffer.isBuffer(value)) return bytes(value)
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '')
  return JSON.stringify(value) ?? String(value)
}

const CONVERTERS: Record<string, CellConverter> = {
  bigint,
  real,
  bit,
  geography: spatial(true),
  geometry: spatial(false),
}

/** One converter per column, chosen once per result set. */
export const converters = (columns: MssqlColumn[]): CellConverter[] =>
  columns.map((column) => CONVERTERS[declarationOf(column)] ?? generic)

/** A row as mssql hands it over (arrayRowMode) into wire values; NULL stays null, '' stays ''. */
export function wireRow(row: readonly unknown[], convert: CellConverter[]): WireValue[] {
  const out = new Array<WireValue>(row.length)
  for (let i = 0; i < row.length; i++) {
    const value = row[i]
    out[i] = value === null || value === undefined ? null : convert[i]!(value)
  }
  return out
}
