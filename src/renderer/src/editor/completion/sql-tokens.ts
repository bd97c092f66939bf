/** A lexical token of SQL, enough for completion: words, quoted names, punctuation. */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'punct' | 'string' | 'number'
  /** The name for words and quoted identifiers (quotes removed), else the text. */
  text: string
  start: number
  end: number
}

const WORD = /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_$\u00C0-\uFFFF]*/y
const NUMBER = /[0-9][0-9.eE_]*/y
const CLOSERS: Record<string, string> = { '"': '"', '`': '`', '[': ']' }

/**
 * Tokenises SQL up to `end`, skipping comments and string contents. `open` tells whether `end`
 * falls inside a string or comment (no completion there).
 */
export function tokenize(sql: string, end = sql.length): { tokens: SqlToken[]; open: boolean } {
  const tokens: SqlToken[] = []
  let i = 0
  while (i < end) {
    const ch = sql[i]!
    if (/\s/.test(ch)) {
      i++
    } else if (sql.startsWith('--', i) || ch === '#') {
      const stop = sql.indexOf('\n', i)
      if (stop === -1 || stop >= end) return { tokens, open: true }
      i = stop + 1
    } else if (sql.startsWith('/*', i)) {
      const stop = sql.indexOf('*/', i + 2)
      if (stop === -1 || stop + 2 > end) return { tokens, open: true }
      i = stop + 2
    } else if (ch === "'") {
      const stop = closing(sql, i + 1, "'")
      if (stop === -1 || stop + 1 > end) return { tokens, open: true }
      tokens.push({ kind: 'string', text: sql.slice(i, stop + 1), start: i, end: stop + 1 })
      i = stop + 1
    } else if (CLOSERS[ch]) {
      const stop = closing(sql, i + 1, CLOSERS[ch])
      // An identifier being typed in quotes: complete its name.
      const last = stop === -1 || stop + 1 > end ? end : stop + 1
      const text = sql.slice(i + 1, stop === -1 || stop >= end ? end : stop)
      tokens.push({ kind: 'quoted', text, start: i, end: last })
      i = last
    } else if (matchAt(WORD, sql, i)) {
      const full = matchAt(WORD, sql, i)!
      // A word the cursor is inside counts up to the cursor: that is the prefix being completed.
      tokens.push({ kind: 'word', text: full.slice(0, end - i), start: i, end: Math.min(i + full.length, end) })
      i += full.length
    } else if (matchAt(NUMBER, sql, i)) {
      const text = matchAt(NUMBER, sql, i)!
      tokens.push({ kind: 'number', text, start: i, end: i + text.length })
      i += text.length
    } else {
      tokens.push({ kind: 'punct', text: ch, start: i, end: i + 1 })
      i++
    }
  }
  return { tokens, open: false }
}

function closing(sql: string, from: number, quote: string): number {
  for (let i = from; i < sql.length; i++) {
    if (sql[i] !== quote) continue
    if (sql[i + 1] === quote) i++
    else return i
  }
  return -1
}

function matchAt(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at
  return pattern.exec(text)?.[0] ?? null
}
