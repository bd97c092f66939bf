import type { SqlTokenKind } from './sql-lexer'

/** What a CREATE makes when its body is a BEGIN … END block that holds statement delimiters. */
const BLOCK_KINDS = new Set(['trigger', 'procedure', 'function', 'event'])
/** Words between CREATE and that kind: `OR REPLACE`, `TEMP`, `CONSTRAINT`, `AGGREGATE`, `DEFINER = …`. */
const MODIFIERS = new Set(['or', 'replace', 'temp', 'temporary', 'constraint', 'aggregate', 'definer'])

/**
 * Decides, from a statement's tokens in order (comments and blanks left out), whether it creates
 * a trigger or routine — whose BEGIN … END body holds delimiters. Reads words, never raw text, so
 * leading comments and MySQL's `/*!50003 CREATE*\/ /*!50017 DEFINER=…*\/ TRIGGER` are understood.
 */
export class RoutineOpener {
  /** Null until the statement's words decide it. */
  decided: boolean | null = null
  private sawCreate = false
  private definer = false
  private previous = ''

  feed(kind: SqlTokenKind, text: string): void {
    if (this.decided !== null) return
    const lower = text.toLowerCase()
    if (this.definer) {
      // The account: `user`@`host`, 'u'@'h', u@h, CURRENT_USER[()], after `=`.
      const account =
        kind !== 'word' || lower === 'current_user' || lower === 'current_role' || /[=@]$/.test(this.previous)
      this.previous = lower
      if (account) return
      this.definer = false
    }
    // Punctuation (an executable comment's `/*!50003` and `*\/`) says nothing here.
    if (kind === 'punct') return
    if (!this.sawCreate) {
      this.sawCreate = kind === 'word' && lower === 'create'
      if (!this.sawCreate) this.decided = false
    } else if (kind === 'word' && BLOCK_KINDS.has(lower)) this.decided = true
    else if (kind === 'word' && MODIFIERS.has(lower)) {
      this.definer = lower === 'definer'
      this.previous = ''
    } else this.decided = false
  }
}
