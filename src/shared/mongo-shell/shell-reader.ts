import { ShellSyntaxError } from './shell-value'

/** Deepest nesting of documents and arrays accepted: a wall against hostile input, not a real limit. */
export const MAX_SHELL_DEPTH = 100

const IDENT_START = /[A-Za-z_$]/
const IDENT_PART = /[A-Za-z0-9_$]/

/** A cursor over shell text: whitespace and comments, identifiers, punctuation, positioned errors. */
export class ShellReader {
  pos = 0

  constructor(readonly text: string) {}

  /** A syntax error at `at` (0-based here; reported 1-based). */
  fail(message: string, at = this.pos): ShellSyntaxError {
    return new ShellSyntaxError(`${message} at position ${at + 1}`, at + 1)
  }

  /** Skips whitespace and // or /* comments. */
  skip(): void {
    const { text } = this
    while (this.pos < text.length) {
      const ch = text[this.pos]!
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0')
        this.pos++
      else if (ch === '/' && text[this.pos + 1] === '/') {
        const end = text.indexOf('\n', this.pos)
        this.pos = end < 0 ? text.length : end + 1
      } else if (ch === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2)
        if (end < 0) throw this.fail('Unterminated comment')
        this.pos = end + 2
      } else break
    }
  }

  /** The next significant character (after skipping), without taking it. */
  peek(): string {
    this.skip()
    return this.text[this.pos] ?? ''
  }

  atEnd(): boolean {
    return this.peek() === ''
  }

  /** Takes `ch` if it is next. */
  eat(ch: string): boolean {
    if (this.peek() !== ch) return false
    this.pos++
    return true
  }

  /** Takes `ch` or fails naming what was expected. */
  expect(ch: string, what = `"${ch}"`): void {
    if (!this.eat(ch)) throw this.fail(`Expected ${what} but found ${this.describeNext()}`)
  }

  /** An identifier (letters, digits, _ and $), or null if none is next. */
  identifier(): string | null {
    this.skip()
    const start = this.pos
    if (!IDENT_START.test(this.text[start] ?? '')) return null
    let end = start + 1
    while (end < this.text.length && IDENT_PART.test(this.text[end]!)) end++
    this.pos = end
    return this.text.slice(start, end)
  }

  /** Whether an identifier starts here. */
  atIdentifier(): boolean {
    return IDENT_START.test(this.peek())
  }

  /** What is next, for messages: a short quote, or "the end of the text". */
  describeNext(): string {
    this.skip()
    if (this.pos >= this.text.length) return 'the end of the text'
    const word = /^[A-Za-z0-9_$]+/.exec(this.text.slice(this.pos, this.pos + 40))?.[0]
    return `"${word ?? this.text[this.pos]}"`
  }

  /** A string in single or double quotes, with JavaScript escapes. */
  string(): string {
    const start = this.pos
    const quote = this.text[this.pos++]
    let out = ''
    for (;;) {
      if (this.pos >= this.text.length) throw this.fail('Unterminated string', start)
      const ch = this.text[this.pos++]!
      if (ch === quote) return out
      if (ch === '\n' || ch === '\r') throw this.fail('Line break inside a string', this.pos - 1)
      if (ch !== '\\') {
        out += ch
        continue
      }
      out += this.escape()
    }
  }

  private escape(): string {
    const at = this.pos - 1
    const ch = this.text[this.pos++]
    switch (ch) {
      case 'n':
        return '\n'
      case 't':
        return '\t'
      case 'r':
        return '\r'
      case 'b':
        return '\b'
      case 'f':
        return '\f'
      case 'v':
        return '\v'
      case '0':
        if (!/[0-9]/.test(this.text[this.pos] ?? '')) return '\0'
        throw this.fail('Octal escapes are not allowed', at)
      case 'x':
        return this.hexChar(2, at)
      case 'u': {
        if (this.text[this.pos] !== '{') return this.hexChar(4, at)
        const close = this.text.indexOf('}', this.pos)
        const hex = close < 0 ? '' : this.text.slice(this.pos + 1, close)
        if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) throw this.fail('Bad \\u{…} escape', at)
        this.pos = close + 1
        return String.fromCodePoint(parseInt(hex, 16))
      }
      case '\r':
        if (this.text[this.pos] === '\n') this.pos++
        return ''
      case '\n':
        return ''
      case undefined:
        throw this.fail('Unterminated string', at)
      default:
        return ch
    }
  }

  private hexChar(digits: number, at: number): string {
    const hex = this.text.slice(this.pos, this.pos + digits)
    if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw this.fail('Bad escape sequence', at)
    this.pos += digits
    return String.fromCharCode(parseInt(hex, 16))
  }
}
