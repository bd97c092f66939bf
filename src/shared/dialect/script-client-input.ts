/** Values of a boolean setting that mean off (PostgreSQL also takes unique prefixes; these are the usual). */
const OFF = new Set(['off', 'false', 'no', '0'])

/**
 * Whether a statement turns the backslash setting off (true: '…' strings read backslash escapes
 * from now on), back on (false), or leaves it alone (null). `lead` is the statement's first
 * tokens, lower case, string quotes removed: `SET [SESSION|LOCAL] name {=|TO} value`, `RESET name`,
 * `RESET ALL`.
 */
export function backslashesAfter(lead: readonly string[], setting: string): boolean | null {
  if (lead[0] === 'reset') return lead[1] === setting || lead[1] === 'all' ? false : null
  if (lead[0] !== 'set') return null
  const at = lead[1] === 'session' || lead[1] === 'local' ? 2 : 1
  if (lead[at] !== setting || (lead[at + 1] !== '=' && lead[at + 1] !== 'to')) return null
  return OFF.has(lead[at + 2] ?? '')
}

/**
 * The inline data of a `COPY … FROM stdin` whose statement ended at `from`: the lines after the
 * statement's line up to a line holding only `\.` (as psql reads it), or to the script's end.
 * `end` is where the script goes on after the data.
 */
export function readCopyData(script: string, from: number): { data: string; end: number } {
  const firstLine = script.indexOf('\n', from)
  const start = firstLine < 0 ? script.length : firstLine + 1
  let line = start
  while (line < script.length) {
    const next = script.indexOf('\n', line)
    const lineEnd = next < 0 ? script.length : next
    if (script.slice(line, lineEnd).replace(/\r$/, '') === '\\.') {
      return { data: script.slice(start, line), end: Math.min(lineEnd + 1, script.length) }
    }
    line = lineEnd + 1
  }
  return { data: script.slice(start), end: script.length }
}

/** The client command on the line starting at `at` (after its prefix): its name and where its line ends. */
export function readClientCommand(script: string, at: number, prefix: string): { name: string; end: number } {
  const next = script.indexOf('\n', at)
  const end = next < 0 ? script.length : next + 1
  const name = /^[^\s]*/.exec(script.slice(at + prefix.length, end))?.[0] ?? ''
  return { name, end }
}
