import type { BSONRegExp } from 'mongodb'
import { Binary, Code, Decimal128, Double, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'mongodb'
import type { WireValue } from '../../../shared/contract'
import { parseShellValue } from '../../../shared/mongo-shell/shell-parser'
import { mongoFailure } from './mongodb-errors'
import { toBson } from './mongodb-shell-bson'
import type { BsonValue } from './mongodb-shell-bson'

/** A field the document does not have (the grid's Absent cell): written as $unset, guarded by $exists: false. */
export const ABSENT_VALUE: unique symbol = Symbol('absent field')

const invalid = (field: string, message: string) => mongoFailure('invalid-input', `Field "${field}": ${message}`)

/** Whole decimal text within the signed 64-bit range, as a Long; else a failure. */
function long(field: string, text: string): Long {
  const value = /^-?\d{1,20}$/.test(text) ? Long.fromString(text) : null
  const canonical = text.replace(/^(-?)0+(?=\d)/, '$1').replace(/^-0$/, '0')
  if (!value || value.toString() !== canonical) throw invalid(field, `${text.slice(0, 40)} is not a 64-bit integer`)
  return value
}

function date(field: string, text: string): Date {
  // isoDate writes dates beyond ISO-8601's years as their milliseconds since 1970.
  const ms = /^-?\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}T.*Z$/.test(text) ? Date.parse(text) : NaN
  if (!Number.isFinite(ms)) throw invalid(field, `"${text.slice(0, 40)}" is not an ISO-8601 UTC date`)
  return new Date(ms)
}

/** `t:i` (seconds and increment, unsigned 32-bit each). */
function timestamp(field: string, text: string): Timestamp {
  const match = /^(\d{1,10}):(\d{1,10})$/.exec(text)
  const [t, i] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN]
  if (!(t < 2 ** 32 && i < 2 ** 32)) throw invalid(field, `"${text.slice(0, 40)}" is not a timestamp t:i`)
  return new Timestamp({ t, i })
}

/** Shell text (an Object, an Array or a /regex/ as mongodb-values wrote it) back to BSON. */
function shell(field: string, text: string, kind: 'object' | 'array' | 'regex'): BsonValue {
  try {
    const value = parseShellValue(text)
    if (value.kind !== kind) throw new Error(`not ${kind === 'object' ? 'a document' : `a ${kind}`}`)
    return toBson(value)
  } catch (error) {
    throw invalid(field, `cannot read ${kind} ${text.slice(0, 40)}: ${(error as Error).message}`)
  }
}

/**
 * A grid cell back to the BSON value it was read from (mongodb-values' toWireValue, reversed):
 * ObjectId, Long, Decimal128, Date, Binary with its subtype, Timestamp, regex, nested documents
 * and arrays exactly; numbers as the driver writes them (Int32 when whole and in range, else Double:
 * the grid does not tell Int32 5 from Double 5.0, and the server compares numbers by value).
 */
export function fromWireValue(value: WireValue, field: string): BsonValue | typeof ABSENT_VALUE {
  if (value === null || typeof value !== 'object') return value
  switch (value.$) {
    case 'int':
      return long(field, value.v)
    case 'bytes':
      return new Binary(Buffer.from(value.v, 'hex'), 0)
    case 'float':
      return new Double(Number(value.v))
  }
  const { t, v } = value
  switch (t) {
    case 'Absent':
      return ABSENT_VALUE
    case 'ObjectId':
      if (!/^[0-9a-fA-F]{24}$/.test(v)) throw invalid(field, `ObjectId needs 24 hex digits, not "${v.slice(0, 40)}"`)
      return ObjectId.createFromHexString(v)
    case 'Long':
      return long(field, v)
    case 'Decimal128':
      try {
        return Decimal128.fromString(v)
      } catch {
        throw invalid(field, `"${v.slice(0, 40)}" is not a decimal number`)
      }
    case 'Date':
      return date(field, v)
    case 'Binary':
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(v)) throw invalid(field, 'binary data must be hex digits')
      return new Binary(Buffer.from(v, 'hex'), value.sub ?? 0)
    case 'Timestamp':
      return timestamp(field, v)
    case 'RegExp':
      return shell(field, v, 'regex') as BSONRegExp
    case 'Object':
      return shell(field, v, 'object')
    case 'Array':
      return shell(field, v, 'array')
    case 'MinKey':
      return new MinKey()
    case 'MaxKey':
      return new MaxKey()
    case 'Code':
      return new Code(v)
  }
}

/**
 * A top-level field Quarry can write by name: a `.` would make it a path into a nested document
 * and a leading `$` an operator, both in filters and in $set.
 */
export function checkFieldName(field: string): void {
  if (field === '' || field.includes('.') || field.startsWith('$'))
    throw invalid(field, 'fields named with "." or a leading "$" cannot be edited here (use the shell)')
}
