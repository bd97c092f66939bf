const INDENT = '  '

/**
 * The text re-indented when it is a JSON object or array, else null. It re-spaces the original
 * tokens instead of printing JSON.parse's result, so numbers keep every digit (9007199254740993
 * would otherwise come back as ...992) and keys keep their order and duplicates.
 */
export function prettyJson(text: string): string | null {
  const first = text.trimStart()[0]
  if (first !== '{' && first !== '[') return null
  try {
    JSON.parse(text) // validation only
  } catch {
    return null
  }
  return reindent(text)
}

function reindent(json: string): string {
  const out: string[] = []
  let depth = 0
  let i = 0
  const newline = (): void => {
    out.push('\n', INDENT.repeat(depth))
  }
  while (i < json.length) {
    const c = json[i]!
    if (c === '"') {
      const end = stringEnd(json, i)
      out.push(json.slice(i, end))
      i = end
      continue
    }
    i++
    if (c === '{' || c === '[') {
      const next = skipSpace(json, i)
      if (json[next] === '}' || json[next] === ']') {
        out.push(c, json[next]!)
        i = next + 1
      } else {
        out.push(c)
        depth++
        newline()
      }
    } else if (c === '}' || c === ']') {
      depth--
      newline()
      out.push(c)
    } else if (c === ',') {
      out.push(',')
      newline()
    } else if (c === ':') {
      out.push(': ')
    } else if (!isSpace(c)) {
      // A literal (number, true, false, null): copied verbatim up to the next delimiter.
      let end = i
      while (end < json.length && !DELIMITERS.includes(json[end]!)) end++
      out.push(json.slice(i - 1, end))
      i = end
    }
  }
  return out.join('')
}

/** Index just past the closing quote of the string literal starting at `start`. */
function stringEnd(json: string, start: number): number {
  let i = start + 1
  for (;;) {
    const quote = json.indexOf('"', i)
    if (quote < 0) return json.length
    let backslashes = 0
    for (let j = quote - 1; json[j] === '\\'; j--) backslashes++
    if (backslashes % 2 === 0) return quote + 1
    i = quote + 1
  }
}

const DELIMITERS = '{}[],:" \n\r\t'

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t'
}

function skipSpace(json: string, i: number): number {
  while (isSpace(json[i])) i++
  return i
}
