import type { Document, Timestamp } from 'mongodb'
import { ShellSyntaxError } from '../../../shared/mongo-shell/shell-value'
import type { ShellValue } from '../../../shared/mongo-shell/shell-value'
import { mongodbLibrary as bson } from './mongodb-library'

/** A BSON value as the mongodb driver serialises it. */
export type BsonValue = unknown

type Call = Extract<ShellValue, { kind: 'call' }>

const fail = (call: Call, message: string) =>
  new ShellSyntaxError(`${message} at position ${call.position}`, call.position)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/

/** A shell value as the BSON value it means; constructor arguments are checked, never coerced loosely. */
export function toBson(value: ShellValue): BsonValue {
  switch (value.kind) {
    case 'null':
      return null
    case 'undefined':
      return undefined
    case 'bool':
    case 'string':
      return value.value
    case 'number':
      // Written with a point or an exponent (1.0, 1e3): a double, as mongosh and shellText mean it.
      return /[.eE]/.test(value.text) && !/^[-+]?0[xX]/.test(value.text)
        ? new (bson().Double)(value.value)
        : value.value
    case 'regex':
      return new (bson().BSONRegExp)(value.pattern, value.flags)
    case 'array':
      return value.items.map(toBson)
    case 'object':
      return toDocument(value)
    case 'call':
      return construct(value)
  }
}

/** A document: keys in order; `__proto__` and friends are plain keys (a null-prototype object). */
export function toDocument(value: Extract<ShellValue, { kind: 'object' }>): Document {
  const document = Object.create(null) as Document
  for (const [key, item] of value.entries) document[key] = toBson(item)
  return document
}

function stringArg(call: Call, index: number, what: string): string {
  const arg = call.args[index]
  if (arg?.kind !== 'string') throw fail(call, `${call.name}() takes ${what} as a string`)
  return arg.value
}

/** Integer text (a string or an integral number literal) for NumberLong/NumberInt. */
function integerText(call: Call): string {
  const arg = call.args[0]
  if (call.args.length !== 1) throw fail(call, `${call.name}() takes one value`)
  const text = arg?.kind === 'string' ? arg.value.trim() : arg?.kind === 'number' ? arg.text.replace(/^\+/, '') : ''
  if (!/^-?\d+$/.test(text)) throw fail(call, `${call.name}() takes a whole number`)
  if (arg?.kind === 'number' && !Number.isSafeInteger(arg.value))
    throw fail(
      call,
      `${call.name}(${text}) is beyond 2^53 as a number literal: write it as a string, ${call.name}("${text}")`,
    )
  return text
}

function date(call: Call): Date {
  if (call.args.length === 0) throw fail(call, `${call.name}() needs a date: Quarry does not read the clock`)
  const arg = call.args[0]!
  let ms: number
  if (arg.kind === 'number' && call.args.length === 1) ms = arg.value
  else if (arg.kind === 'string' && call.args.length === 1) {
    if (!ISO_DATE.test(arg.value.trim()))
      throw fail(call, `${call.name}("${arg.value.slice(0, 40)}") is not an ISO-8601 date`)
    const text = arg.value.trim().replace(' ', 'T')
    // A date without a zone is UTC in the shell (not the local time JavaScript would assume).
    ms = Date.parse(/T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes('T') ? text : `${text}Z`)
  } else throw fail(call, `${call.name}() takes an ISO date string or milliseconds`)
  if (!Number.isFinite(ms)) throw fail(call, `${call.name}() is not a valid date`)
  return new Date(ms)
}

function hexOrBase64(call: Call, text: string, encoding: 'hex' | 'base64'): Buffer {
  const valid = encoding === 'hex' ? /^(?:[0-9a-fA-F]{2})*$/ : /^[A-Za-z0-9+/]*={0,2}$/
  if (!valid.test(text) || (encoding === 'base64' && text.length % 4 !== 0))
    throw fail(call, `${call.name}() takes ${encoding === 'hex' ? 'hexadecimal' : 'base64'} text`)
  return Buffer.from(text, encoding)
}

function subtype(call: Call, index: number): number {
  const arg = call.args[index]
  if (arg === undefined) return 0
  if (arg.kind !== 'number' || !Number.isInteger(arg.value) || arg.value < 0 || arg.value > 255)
    throw fail(call, `${call.name}() takes a binary subtype from 0 to 255`)
  return arg.value
}

function construct(call: Call): BsonValue {
  switch (call.name) {
    case 'ObjectId': {
      if (call.args.length === 0) throw fail(call, 'ObjectId() needs its 24 hex digits here')
      const hex = stringArg(call, 0, '24 hex digits')
      if (!/^[0-9a-fA-F]{24}$/.test(hex))
        throw fail(call, `ObjectId("${hex.slice(0, 40)}") needs exactly 24 hex digits`)
      return bson().ObjectId.createFromHexString(hex)
    }
    case 'ISODate':
    case 'Date':
      return date(call)
    case 'NumberLong':
    case 'Long': {
      const text = integerText(call)
      const long = bson().Long.fromString(text)
      if (long.toString() !== text.replace(/^(-?)0+(?=\d)/, '$1').replace(/^-0$/, '0'))
        throw fail(call, `${call.name}(${text}) is outside the 64-bit range`)
      return long
    }
    case 'NumberInt':
    case 'Int32': {
      const n = Number(integerText(call))
      if (n < -(2 ** 31) || n >= 2 ** 31) throw fail(call, `${call.name}(${n}) is outside the 32-bit range`)
      return new (bson().Int32)(n)
    }
    case 'Double': {
      const arg = call.args[0]
      if (arg?.kind !== 'number' || call.args.length !== 1) throw fail(call, 'Double() takes a number')
      return new (bson().Double)(arg.value)
    }
    case 'NumberDecimal':
    case 'Decimal128': {
      const arg = call.args[0]
      const text = arg?.kind === 'string' ? arg.value : arg?.kind === 'number' ? arg.text : ''
      try {
        return bson().Decimal128.fromString(text)
      } catch {
        throw fail(call, `${call.name}("${text.slice(0, 40)}") is not a decimal number`)
      }
    }
    case 'Timestamp':
      return timestamp(call)
    case 'BinData':
      return new (bson().Binary)(hexOrBase64(call, stringArg(call, 1, 'base64 data'), 'base64'), subtype(call, 0))
    case 'Binary.createFromHexString':
      return new (bson().Binary)(hexOrBase64(call, stringArg(call, 0, 'hex digits'), 'hex'), subtype(call, 1))
    case 'Binary.createFromBase64':
      return new (bson().Binary)(hexOrBase64(call, stringArg(call, 0, 'base64 text'), 'base64'), subtype(call, 1))
    case 'UUID': {
      const text = stringArg(call, 0, 'the UUID')
      if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(text))
        throw fail(call, `UUID("${text.slice(0, 40)}") is not a UUID`)
      return new (bson().UUID)(text)
    }
    case 'MinKey':
      return new (bson().MinKey)()
    case 'MaxKey':
      return new (bson().MaxKey)()
    case 'RegExp': {
      const flags = call.args[1] === undefined ? '' : stringArg(call, 1, 'the flags')
      if (/[^imsxu]/.test(flags)) throw fail(call, `RegExp() flags must be among i, m, s, x, u`)
      return new (bson().BSONRegExp)(stringArg(call, 0, 'the pattern'), flags)
    }
  }
  throw fail(call, `Unknown constructor ${call.name}()`)
}

function timestamp(call: Call): Timestamp {
  const [a, b] = call.args
  let t: number | undefined
  let i: number | undefined
  if (a?.kind === 'object') {
    const get = (key: string) => a.entries.find(([k]) => k === key)?.[1]
    const tv = get('t')
    const iv = get('i')
    t = tv?.kind === 'number' ? tv.value : undefined
    i = iv?.kind === 'number' ? iv.value : undefined
  } else if (a?.kind === 'number' && b?.kind === 'number') {
    t = a.value
    i = b.value
  }
  const u32 = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0 && n < 2 ** 32
  if (!u32(t) || !u32(i)) throw fail(call, 'Timestamp() takes { t: seconds, i: increment } (whole numbers)')
  return new (bson().Timestamp)({ t, i })
}
