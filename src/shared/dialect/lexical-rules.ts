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
  /** `/*! … *\/` and `/*M! … *\/` are code the server runs, not comments (MySQL's executable comments). */
  executableComments?: boolean
  /** `--` starts a comment only before a blank or the end of the line (`SELECT 1--1` is one statement). */
  dashCommentNeedsSpace?: boolean
  /** What else ends a statement, as the command-line client reads it (the mysql client's `\G`, `\g`). */
  clientTerminators?: readonly string[]
  /** A delimiter inside parentheses does not end the statement (psql: `CREATE RULE … DO (…; …)`). */
  parenthesesHoldDelimiter?: boolean
  /** `COPY … FROM stdin;` is followed by its data, up to a line `\.` (psql, pg_dump). */
  copyInlineData?: boolean
  /** A setting whose value `off`, SET in the script, makes '…' strings read backslash escapes. */
  backslashSetting?: string
  /** Lines starting with this are the client's own commands (psql's `\connect`), not SQL. */
  clientCommands?: ClientCommands
}

/** The command-line client's own commands: which are refused, which can be passed over. */
export interface ClientCommands {
  prefix: string
  /** Commands that change nothing in the database and are skipped (pg_dump's `\restrict`). */
  ignored: readonly string[]
}
