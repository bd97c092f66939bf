import type { Prng } from './prng'

/** The slice of JSON Schema (from zod's toJSONSchema) the generator follows. */
export interface Shape {
  type?: string
  properties?: Record<string, Shape>
  required?: string[]
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
}

const NASTY_TEXT = [
  '',
  ' ',
  'sample',
  'main',
  'q1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE t; --",
  '../../../../etc/passwd',
  '\u0000',
  '\u0007\u001b[31mred\r\n',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  '𝄞😀',
  '__proto__',
  'constructor',
  'toString',
  '%s%n%x',
  '${7*7}',
  'null',
  'undefined',
  'NaN',
]

const NUMBERS = [0, -0, -1, 1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 65536]

export function randomText(rng: Prng, maxLength = 64): string {
  if (rng.chance(0.3)) return rng.pick(NASTY_TEXT)
  const length = rng.int(0, maxLength)
  let text = ''
  for (let i = 0; i < length; i++) {
    const range = rng.int(0, 9)
    // Mostly printable ASCII; some control characters, BMP, lone surrogates and astral planes.
    const code =
      range < 6
        ? rng.int(0x20, 0x7e)
        : range < 7
          ? rng.int(0, 0x1f)
          : range < 9
            ? rng.int(0xa0, 0xffff)
            : rng.int(0x10000, 0x10ffff)
    text += String.fromCodePoint(code)
  }
  return text
}

/** Any value structured clone (Electron IPC) or the dispatcher could be handed. */
export function randomValue(rng: Prng, depth = 0): unknown {
  const kind = rng.int(0, depth > 3 ? 5 : 12)
  switch (kind) {
    case 0:
      return null
    case 1:
      return undefined
    case 2:
      return rng.chance(0.5)
    case 3:
      return rng.pick(NUMBERS)
    case 4:
      return rng.int(-1e9, 1e9)
    case 5:
      return randomText(rng)
    case 6:
      return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth + 1))
    case 7:
      return Object.fromEntries(
        Array.from({ length: rng.int(0, 5) }, () => [randomText(rng, 12), randomValue(rng, depth + 1)]),
      )
    case 8:
      return BigInt(rng.int(-1e9, 1e9)) * 10n ** 20n
    case 9:
      return rng.pick([new Date(rng.int(-1e12, 1e12)), new Date(NaN), /x/g, new Uint8Array(rng.int(0, 64))])
    case 10:
      return new Map([[randomText(rng), randomValue(rng, depth + 1)]])
    case 11:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')
    default:
      return rng.chance(0.5) ? deepNesting(rng.int(100, 5000)) : cyclic()
  }
}

/** Structured clone carries cycles, so Electron IPC can deliver one. */
function cyclic(): unknown {
  const node: Record<string, unknown> = { name: 'loop' }
  node['self'] = node
  node['list'] = [node]
  return node
}

function deepNesting(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** A value that follows the shape (enums, bounds, required fields), as a well-behaved client sends. */
export function conforming(rng: Prng, shape: Shape): unknown {
  if (shape.enum) return rng.pick(shape.enum)
  switch (shape.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(shape.properties ?? {})) {
        if (shape.required?.includes(key) || rng.chance(0.5)) out[key] = conforming(rng, child)
      }
      return out
    }
    case 'string': {
      const min = shape.minLength ?? 0
      const max = Math.min(shape.maxLength ?? 64, 64)
      let text = randomText(rng, max)
      while (text.length < min) text += 'x'
      return text.slice(0, Math.max(max, min))
    }
    case 'integer':
      return rng.int(Math.max(shape.minimum ?? -1e6, -1e6), Math.min(shape.maximum ?? 1e6, 1e6))
    case 'number':
      return rng.next() * 1e6
    case 'boolean':
      return rng.chance(0.5)
    default:
      return randomValue(rng)
  }
}

/** Multi-MB text: the kind of payload a hostile page sends to exhaust memory. */
export const hugeText = (rng: Prng, mib: number): string => randomText(rng, 16).padEnd(mib * 1024 * 1024, 'A')

/** A conforming value with one thing wrong: a missing, mistyped, out-of-bounds, extra or huge field. */
export function mutated(rng: Prng, shape: Shape): unknown {
  const value = conforming(rng, shape)
  if (shape.type !== 'object' || typeof value !== 'object' || value === null) return randomValue(rng)
  const record = value as Record<string, unknown>
  const keys = Object.keys(shape.properties ?? {})
  const key = keys.length > 0 ? rng.pick(keys) : randomText(rng, 8)
  const child = shape.properties?.[key] ?? {}
  switch (rng.int(0, 6)) {
    case 0:
      delete record[key]
      break
    case 1:
      record[key] = randomValue(rng)
      break
    case 2:
      record[key] = outOfBounds(rng, child)
      break
    case 3:
      record[randomText(rng, 10) || 'extra'] = randomValue(rng)
      break
    case 4:
      record[key] = child.type === 'object' ? mutated(rng, child) : randomValue(rng)
      break
    case 5:
      return rng.pick([[record], jsonText(record), Object.values(record), null, 42])
    default:
      record[key] = 'x'.repeat(rng.int(1, 3) * 70_000)
  }
  return record
}

function outOfBounds(rng: Prng, shape: Shape): unknown {
  if (shape.type === 'string') return 'y'.repeat((shape.maxLength ?? 1024) + rng.int(1, 10))
  if (shape.type === 'integer' || shape.type === 'number')
    return rng.pick([(shape.minimum ?? 0) - 1, (shape.maximum ?? 2 ** 53) + 1, 0.5, NaN, Infinity, '1'])
  if (shape.enum) return `${String(rng.pick(shape.enum))} `
  return randomValue(rng)
}

/** JSON text of a generated value: BigInts as their digits; a cyclic value as a plain string. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
  } catch {
    return '[cyclic]'
  }
}
