/** One statement of a script: its text (no trailing delimiter) and where it starts in the script. */
export interface ScriptStatement {
  sql: string
  /** 0-based offset of the statement's first character in the script. */
  offset: number
  /** SQL Server `GO n`: run this batch n times (absent: once). */
  repeat?: number
  /** The inline data that follows a `COPY … FROM stdin` in the script (its lines, up to `\.`). */
  copyData?: string
  /** Where that data, with the line that ends it, ends in the script (exclusive). */
  dataEnd?: number
  /** The unit is the command-line client's own command (psql's `\connect`), named here, not SQL. */
  clientCommand?: string
}
