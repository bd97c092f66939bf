import { MAX_SHELL_DEPTH, ShellReader } from './shell-reader'
import type { ShellValue } from './shell-value'

/**
 * Constructors Quarry reads in shell text, each to one BSON value; anything else is refused (the
 * text is data, never run). Dotted names are the ones mongosh prints.
 */
export const SHELL_CONSTRUCTORS = [
  'ObjectId',
  'ISODate',
  'Date',
  'NumberLong',
  'NumberInt',
  'NumberDecimal',
  'Decimal128',
  'Long',
  'Int32',
  'Double',
  'Timestamp',
  'BinData',
  'Binary.createFromHexString',
  'Binary.createFromBase64',
  'UUID',
  'MinKey',
  'MaxKey',
  'RegExp',
] as const

const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/
const REGEX_FLAGS = /^[a-z]*/

/** Reads one value at the reader's position. */
export function readValue(reader: ShellReader, depth = 0): ShellValue {
  if (depth > MAX_SHELL_DEPTH) throw reader.fail(`Nested more than ${MAX_SHELL_DEPTH} levels deep`)
  const ch = reader.peek()
  const start = reader.pos
  if (ch === '{') return readObject(reader, depth)
  if (ch === '[') return readArray(reader, depth)
  if (ch === '"' || ch === "'") return { kind: 'string', value: reader.string() }
  if (ch === '/') return readRegex(reader)
  if (ch === '-' || ch === '+' || ch === '.' || (ch >= '0' && ch <= '9')) return readNumber(reader)
  const word = reader.identifier()
  if (word === null) throw reader.fail(`Expected a value but found ${reader.describeNext()}`)
  switch (word) {
    case 'true':
    case 'false':
      return { kind: 'bool', value: word === 'true' }
    case 'null':
      return { kind: 'null' }
    case 'undefined':
      return { kind: 'undefined' }
    case 'NaN':
      return { kind: 'number', value: NaN, text: 'NaN' }
    case 'Infinity':
      return { kind: 'number', value: Infinity, text: 'Infinity' }
  }
  return readCall(reader, word === 'new' ? readName(reader) : dotted(reader, word), start, depth)
}

function readName(reader: ShellReader): string {
  const word = reader.identifier()
  if (word === null) throw reader.fail(`Expected a constructor name after "new" but found ${reader.describeNext()}`)
  return dotted(reader, word)
}

function dotted(reader: ShellReader, first: string): string {
  let name = first
  while (reader.peek() === '.') {
    reader.pos++
    const part = reader.identifier()
    if (part === null) throw reader.fail(`Expected a name after "." but found ${reader.describeNext()}`)
    name += `.${part}`
  }
  return name
}

function readCall(reader: ShellReader, name: string, start: number, depth: number): ShellValue {
  if (!(SHELL_CONSTRUCTORS as readonly string[]).includes(name)) {
    throw reader.fail(
      `Unknown name "${name.slice(0, 40)}": values are literals or ${SHELL_CONSTRUCTORS.slice(0, 7).join(', ')}… (code is never run)`,
      start,
    )
  }
  reader.expect('(', `"(" after ${name}`)
  const args = readList(reader, ')', depth)
  return { kind: 'call', name, args, position: start + 1 }
}

/** Values separated by commas up to `close` (a trailing comma allowed). */
export function readList(reader: ShellReader, close: string, depth: number): ShellValue[] {
  const items: ShellValue[] = []
  while (!reader.eat(close)) {
    items.push(readValue(reader, depth + 1))
    if (reader.eat(',')) continue
    reader.expect(close, `"," or "${close}"`)
    break
  }
  return items
}

function readArray(reader: ShellReader, depth: number): ShellValue {
  reader.pos++
  return { kind: 'array', items: readList(reader, ']', depth) }
}

function readObject(reader: ShellReader, depth: number): ShellValue {
  reader.pos++
  const entries: [string, ShellValue][] = []
  while (!reader.eat('}')) {
    const key = readKey(reader)
    reader.expect(':', `":" after the key "${key.slice(0, 40)}"`)
    entries.push([key, readValue(reader, depth + 1)])
    if (reader.eat(',')) continue
    reader.expect('}', '"," or "}"')
    break
  }
  return { kind: 'object', entries }
}

function readKey(reader: ShellReader): string {
  const ch = reader.peek()
  if (ch === '"' || ch === "'") return reader.string()
  const word = reader.identifier()
  if (word !== null) return word
  const number = /^\d+/.exec(reader.text.slice(reader.pos, reader.pos + 400))
  if (number) {
    reader.pos += number[0].length
    return number[0]
  }
  throw reader.fail(`Expected a field name but found ${reader.describeNext()}`)
}

function readNumber(reader: ShellReader): ShellValue {
  const start = reader.pos
  const rest = reader.text.slice(start, start + 400)
  const sign = rest[0] === '-' ? -1 : 1
  const signed = /^[-+]/.test(rest)
  if (/^[-+]\s*Infinity\b/.test(rest)) {
    reader.pos = start + rest.indexOf('Infinity') + 'Infinity'.length
    return { kind: 'number', value: sign * Infinity, text: sign < 0 ? '-Infinity' : 'Infinity' }
  }
  const match = NUMBER.exec(rest)
  if (!match || (signed && match[0].length === 1))
    throw reader.fail(`Expected a number but found ${reader.describeNext()}`)
  reader.pos = start + match[0].length
  if (IDENT_AFTER.test(reader.text[reader.pos] ?? '')) throw reader.fail('Bad number', start)
  const text = match[0]
  const body = text.replace(/^[-+]/, '')
  const value = sign * (/^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : Number(body))
  return { kind: 'number', value, text }
}
const IDENT_AFTER = /[A-Za-z0-9_$.]/

function readRegex(reader: ShellReader): ShellValue {
  const start = reader.pos
  const { text } = reader
  let i = start + 1
  let inClass = false
  for (; ; i++) {
    const ch = text[i]
    if (ch === undefined || ch === '\n' || ch === '\r') throw reader.fail('Unterminated regular expression', start)
    if (ch === '\\') i++
    else if (ch === '[') inClass = true
    else if (ch === ']') inClass = false
    else if (ch === '/' && !inClass) break
  }
  const pattern = text.slice(start + 1, i)
  if (pattern === '') throw reader.fail('Empty regular expression', start)
  const flags = REGEX_FLAGS.exec(text.slice(i + 1, i + 20))![0]
  if (/[^imsxu]/.test(flags) || new Set(flags).size !== flags.length)
    throw reader.fail(`Bad regular expression flags "${flags}" (use i, m, s, x, u)`, i + 1)
  reader.pos = i + 1 + flags.length
  return { kind: 'regex', pattern, flags }
}

/** Parses a whole text as one value (a document, an array…); nothing may follow it. */
export function parseShellValue(text: string): ShellValue {
  const reader = new ShellReader(text)
  const value = readValue(reader)
  if (!reader.atEnd()) throw reader.fail(`Unexpected ${reader.describeNext()} after the value`)
  return value
}
