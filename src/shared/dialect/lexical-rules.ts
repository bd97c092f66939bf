/** A quoted identifier's delimiters: `"name"`, `` `name` ``, `[name]`. */
export interface IdentifierQuote {
  open: string
  close: string
  /** A doubled closing quote stands for one inside the name (`"a""b"`, `[a]]b]`). */
  doubled: boolean
  /** A backslash escapes the next character (MySQL reads `"…"` as a string). */
  backslash?: boolean
}

/** How an engine's SQL text divides into tokens and statements: data the one lexer reads. */
export interface LexicalRules {
  /** What starts a comment running to the end of the line (`--`, MySQL's `#`). */
  lineComments: readonly string[]
  /** `/* … *\/` comments nest (PostgreSQL, T-SQL). */
  nestedBlockComments: boolean
  /** Backslash escapes in '…' strings: always (MySQL), only in E'…' (PostgreSQL), never. */
  stringBackslash: 'always' | 'e-prefix' | 'never'
  identifierQuotes: readonly IdentifierQuote[]
  /** PostgreSQL's `$tag$ … $tag$` strings. */
  dollarQuotes: boolean
  /** The mysql client's `DELIMITER //` lines change the statement delimiter. */
  delimiterCommand: boolean
  /** Scripts divide into batches at lines holding only this word (SQL Server's GO), not at semicolons. */
  batchSeparator: string | null
}
