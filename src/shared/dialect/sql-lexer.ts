import type { LexicalRules } from './lexical-rules'

/** What a token is; the lexer never looks past one token, so callers can steer it (DELIMITER, GO). */
export type SqlTokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'variable' | 'number' | 'punct'

/** One token of SQL text: its kind and where it is (`end` exclusive). */
export interface SqlToken {
  kind: SqlTokenKind
  start: number
  end: number
  /** False for a string, quoted name or block comment the text ends inside. */
  closed: boolean
}

/** Letters of any script, combining marks, digits after the first character, `_` and `$`. */
const WORD = /[\p{L}\p{M}_][\p{L}\p{M}\p{N}_$]*/uy
const WORD_START = /[\p{L}\p{M}_]/u
const WORD_CHAR = /[\p{L}\p{M}\p{N}_$]/u
const NUMBER = /[0-9][\p{L}\p{M}\p{N}_$.]*/uy
/** A run of blanks up to and including one line break, so a line's start is a token boundary. */
const SPACE = /[^\S\n]+\n?|\n/y
const DOLLAR_TAG = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy
/** The opening of an executable comment with its optional version: `/*!40101`, `/*M!100100`. */
const EXECUTABLE_OPENER = /\/\*M?![0-9]*/y
/** Prefixes of variables and temporary names: `@v`, `@@global`, `#temp`, `$name`. */
const VARIABLE_PREFIXES = '@#$'

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && WORD_CHAR.test(ch)

function matchAt(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at
  return pattern.exec(text)?.[0] ?? null
}

/** The token that starts at `at` (which must be a token boundary), by the engine's rules. */
export function readToken(text: string, at: number, rules: LexicalRules): SqlToken {
  const token = (kind: SqlTokenKind, end: number, closed = true): SqlToken => ({ kind, start: at, end, closed })
  const ch = text[at]!
  const space = matchAt(SPACE, text, at)
  if (space) return token('space', at + space.length)
  if (rules.lineComments.some((opener) => text.startsWith(opener, at)) && commentAt(text, at, rules)) {
    const nl = text.indexOf('\n', at)
    // A line comment is complete at the end of the text too.
    return token('comment', nl < 0 ? text.length : nl)
  }
  // Read as punctuation: what follows is code (and the client splits inside it as anywhere else).
  const executable = rules.executableComments ? matchAt(EXECUTABLE_OPENER, text, at) : null
  if (executable) return token('punct', at + executable.length)
  if (ch === '/' && text[at + 1] === '*') {
    const end = blockCommentEnd(text, at, rules.nestedBlockComments)
    return end < 0 ? token('comment', text.length, false) : token('comment', end)
  }
  if (ch === "'") {
    const escapeString = /[eE]/.test(text[at - 1] ?? '') && !isWordChar(text[at - 2])
    const backslash = rules.stringBackslash === 'always' || (rules.stringBackslash === 'e-prefix' && escapeString)
    const end = quotedEnd(text, at + 1, "'", true, backslash)
    return end < 0 ? token('string', text.length, false) : token('string', end)
  }
  const quote = rules.identifierQuotes.find((q) => q.open === ch)
  if (quote) {
    const end = quotedEnd(text, at + 1, quote.close, quote.doubled, quote.backslash === true)
    return end < 0 ? token('quoted', text.length, false) : token('quoted', end)
  }
  if (ch === '$' && rules.dollarQuotes && !isWordChar(text[at - 1])) {
    const tag = matchAt(DOLLAR_TAG, text, at)
    if (tag) {
      const close = text.indexOf(tag, at + tag.length)
      return close < 0 ? token('string', text.length, false) : token('string', close + tag.length)
    }
  }
  if (VARIABLE_PREFIXES.includes(ch) && WORD_START.test(text[at + 1] ?? '')) {
    return token('variable', at + 1 + matchAt(WORD, text, at + 1)!.length)
  }
  const word = matchAt(WORD, text, at)
  if (word) return token('word', at + word.length)
  const number = matchAt(NUMBER, text, at)
  if (number) return token('number', at + number.length)
  return token('punct', at + 1)
}

/** `--` (as one of the line comment openers) needs a blank or the line's end after it where the rules say so. */
function commentAt(text: string, at: number, rules: LexicalRules): boolean {
  if (!rules.dashCommentNeedsSpace || !text.startsWith('--', at)) return true
  const next = text[at + 2]
  return next === undefined || /\s/.test(next)
}

/** Every token of `text` from `from`, in order. */
export function* sqlTokens(text: string, rules: LexicalRules, from = 0): Generator<SqlToken> {
  let at = from
  while (at < text.length) {
    const token = readToken(text, at, rules)
    yield token
    at = token.end
  }
}

/** Where a block comment starting at `at` ends (after its `*\/`), or -1 when the text ends inside it. */
function blockCommentEnd(s: string, at: number, nested: boolean): number {
  let depth = 0
  let i = at
  while (i < s.length) {
    if (s[i] === '/' && s[i + 1] === '*' && (nested || depth === 0)) {
      depth++
      i += 2
    } else if (s[i] === '*' && s[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return -1
}

/** Where a quoted run whose body starts at `from` ends (after its closing quote), or -1. */
function quotedEnd(s: string, from: number, close: string, doubled: boolean, backslash: boolean): number {
  let i = from
  while (i < s.length) {
    const ch = s[i]
    if (backslash && ch === '\\') i += 2
    else if (ch === close) {
      if (doubled && s[i + 1] === close) i += 2
      else return i + 1
    } else i++
  }
  return -1
}
