import type { ClientCommands, LexicalRules } from './lexical-rules'
import { RoutineOpener } from './routine-opener'
import { backslashesAfter, readClientCommand, readCopyData } from './script-client-input'
import type { ScriptStatement } from './script-statement'
import { readToken } from './sql-lexer'
import type { SqlToken } from './sql-lexer'

/** Tokens a statement delimiter can start at, or be glued to (`END$$`): never strings, comments or names. */
const DELIMITABLE = new Set(['punct', 'number', 'variable', 'word'])
/** How many first tokens of a statement are kept to recognise it (SET …, COPY …). */
const LEAD_TOKENS = 6

/**
 * Splits a script at its delimiters the way the engine's command-line client reads it, one token
 * at a time under the engine's lexical rules (see splitStatements for what that covers).
 */
export class StatementSplitter {
  private readonly out: ScriptStatement[] = []
  /** The rules in force: the engine's, or with backslash escapes after `SET <setting> = off`. */
  private rules: LexicalRules
  private delimiter = ';'
  private start = 0
  /** BEGIN … END nesting inside a trigger or routine body, and ( … ) nesting where it holds delimiters. */
  private depth = 0
  private parens = 0
  private opener = new RoutineOpener()
  /** The statement's first tokens, lower case (strings without their quotes). */
  private lead: string[] = []
  /** Tokens other than blanks and closed comments: none means there is nothing to run. */
  private significant = 0
  private copyFromStdin = false
  private previousWord = ''
  private previousText = ''

  constructor(
    private readonly script: string,
    private readonly base: LexicalRules,
  ) {
    this.rules = base
  }

  split(): ScriptStatement[] {
    let i = 0
    while (i < this.script.length) i = this.step(i)
    this.push(this.script.length)
    return this.out
  }

  /** Reads what starts at `i` (a token boundary); returns where reading goes on. */
  private step(i: number): number {
    const { script, base } = this
    if (base.delimiterCommand && /^delimiter\s/i.test(script.slice(i, i + 10)) && atLineStart(script, i)) {
      return this.delimiterLine(i)
    }
    const commands = base.clientCommands
    if (commands && this.significant === 0 && script.startsWith(commands.prefix, i)) {
      return this.clientCommand(i, commands)
    }
    const token = this.cutAtDelimiter(readToken(script, i, this.rules))
    if (DELIMITABLE.has(token.kind) && this.depth === 0 && this.parens === 0) {
      if (script.startsWith(this.delimiter, i)) return this.endStatement(i, this.delimiter.length)
      const terminator = base.clientTerminators?.find((t) => script.startsWith(t, i))
      if (terminator) return this.endStatement(i, terminator.length)
    }
    this.read(token)
    return token.end
  }

  /** A word or symbol run the delimiter is glued to (`END$$` after `DELIMITER $$`) ends before it. */
  private cutAtDelimiter(token: SqlToken): SqlToken {
    if (!DELIMITABLE.has(token.kind) || this.depth > 0) return token
    const at = this.script.slice(token.start, token.end).indexOf(this.delimiter)
    return at > 0 ? { ...token, end: token.start + at } : token
  }

  private read(token: SqlToken): void {
    if (token.kind === 'space' || (token.kind === 'comment' && token.closed)) return
    this.significant++
    const text = this.script.slice(token.start, token.end)
    const lower = text.toLowerCase()
    if (this.lead.length < LEAD_TOKENS) this.lead.push(token.kind === 'string' ? lower.slice(1, -1) : lower)
    this.opener.feed(token.kind, text)
    if (token.kind === 'word') {
      if (this.rules.copyInlineData && lower === 'stdin' && this.previousWord === 'from' && this.lead[0] === 'copy') {
        this.copyFromStdin = true
      }
      if (this.opener.decided && this.delimiter === ';') this.countBlock(lower, token.end)
      this.previousWord = lower
    } else if (token.kind === 'punct' && this.base.parenthesesHoldDelimiter) {
      if (text === '(') this.parens++
      else if (text === ')' && this.parens > 0) this.parens--
    }
    this.previousText = lower
  }

  /** BEGIN and CASE open, END closes; END IF/LOOP/… close what was not counted. */
  private countBlock(word: string, end: number): void {
    if (word === 'begin' && !this.namesSomething(end)) this.depth++
    else if (word === 'case' && this.depth > 0 && this.previousWord !== 'end') this.depth++
    else if (word === 'end' && this.depth > 0 && !closesUncounted(this.script, end)) this.depth--
  }

  /** `begin` as a name: a column (`TABLE(begin int)`, `OF begin`, `a, begin`) or before `,` `)` `.`. */
  private namesSomething(end: number): boolean {
    if (['(', ',', '.', 'of'].includes(this.previousText)) return true
    return /^\s*[,).]/.test(this.script.slice(end, end + 40))
  }

  private endStatement(at: number, length: number): number {
    const copy = this.push(at)
    let next = at + length
    if (copy) {
      const { data, end } = readCopyData(this.script, next)
      Object.assign(copy, { copyData: data, dataEnd: end })
      next = end
    }
    this.start = next
    return next
  }

  /** `DELIMITER x` (any case, at a line's start): ends the statement; `x` is its first word. */
  private delimiterLine(at: number): number {
    this.push(at)
    const end = endOfLine(this.script, at)
    this.delimiter =
      this.script
        .slice(at + 'delimiter'.length, end)
        .trim()
        .split(/\s+/)[0] || ';'
    this.start = end
    return end
  }

  /** A client command where a statement would start: skipped if harmless, else its own unit. */
  private clientCommand(at: number, commands: ClientCommands): number {
    this.push(at)
    const { name, end } = readClientCommand(this.script, at, commands.prefix)
    if (!commands.ignored.includes(name)) {
      this.out.push({ sql: this.script.slice(at, end).trim(), offset: at, clientCommand: name })
    }
    this.start = end
    return end
  }

  /** Ends the statement at `end` (kept if it has anything to run); returns it if COPY data follows. */
  private push(end: number): ScriptStatement | null {
    const text = this.script.slice(this.start, end)
    const statement =
      this.significant > 0 ? { sql: text.trim(), offset: this.start + text.length - text.trimStart().length } : null
    if (statement) {
      this.out.push(statement)
      const setting = this.base.backslashSetting
      const backslashes = setting ? backslashesAfter(this.lead, setting) : null
      if (backslashes !== null) this.rules = backslashes ? { ...this.base, stringBackslash: 'always' } : this.base
    }
    const copy = this.copyFromStdin ? statement : null
    this.significant = this.depth = this.parens = 0
    this.lead = []
    this.opener = new RoutineOpener()
    this.copyFromStdin = false
    this.previousWord = this.previousText = ''
    return copy
  }
}

/** `END IF`, `END LOOP`… close constructs whose openers are not counted (only BEGIN and CASE are). */
function closesUncounted(s: string, from: number): boolean {
  return /^\s+(if|loop|while|repeat)\b/i.test(s.slice(from, from + 20))
}

const atLineStart = (s: string, i: number): boolean => i === 0 || /\n[ \t]*$/.test(s.slice(Math.max(0, i - 200), i))

function endOfLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i)
  return nl < 0 ? s.length : nl + 1
}
