/** A parsed JSON value that keeps every literal as written (numbers exact, keys in order). */
export type JsonNode =
  | { kind: 'object'; entries: [string, JsonNode][] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'literal'; text: string }

/** Largest JSON text shown as a tree; beyond it the viewer shows the pretty text only. */
export const MAX_TREE_CHARS = 256 * 1024

/** Parses a JSON object or array into nodes, or null when the text is not one. */
export function parseJsonTree(text: string): JsonNode | null {
  const first = text.trimStart()[0]
  if ((first !== '{' && first !== '[') || text.length > MAX_TREE_CHARS) return null
  try {
    JSON.parse(text) // validation: the walk below trusts the syntax
  } catch {
    return null
  }
  let i = 0
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  }
  const string = (): string => {
    const start = i
    i++
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return text.slice(start, i)
  }
  const value = (): JsonNode => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      const entries: [string, JsonNode][] = []
      space()
      while (text[i] !== '}') {
        space()
        const key = JSON.parse(string()) as string
        space()
        i++ // :
        entries.push([key, value()])
        space()
        if (text[i] === ',') i++
        space()
      }
      i++
      return { kind: 'object', entries }
    }
    if (c === '[') {
      i++
      const items: JsonNode[] = []
      space()
      while (text[i] !== ']') {
        items.push(value())
        space()
        if (text[i] === ',') i++
        space()
      }
      i++
      return { kind: 'array', items }
    }
    if (c === '"') return { kind: 'literal', text: string() }
    const start = i
    while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++
    return { kind: 'literal', text: text.slice(start, i) }
  }
  return value()
}

/** Classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(hex: string): string {
  const lines: string[] = []
  const bytes = hex.length / 2
  for (let offset = 0; offset < bytes; offset += 16) {
    const slice = hex.slice(offset * 2, Math.min(bytes, offset + 16) * 2)
    const pairs = slice.match(/../g) ?? []
    const hexPart = pairs.map((p, k) => (k === 8 ? ` ${p}` : p)).join(' ')
    const ascii = pairs.map((p) => {
      const code = parseInt(p, 16)
      return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '.'
    })
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hexPart.padEnd(16 * 3, ' ')}  ${ascii.join('')}`)
  }
  return lines.join('\n')
}

/** The bytes as UTF-8 text when they decode cleanly, else null. */
export function decodeUtf8(hex: string): string | null {
  const bytes = new Uint8Array(hex.length / 2)
  for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(k * 2, k * 2 + 2), 16)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
