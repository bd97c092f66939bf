/** The token a syntax error names: `Incorrect syntax near 'x'.` or `near the keyword 'FROM'.` */
const NEAR = /near (?:the keyword )?'([^\n]*)'\.?$/

/**
 * The 1-based offset in the script of an error SQL Server reports at a line of a batch: the
 * token the message names when it occurs exactly once on that line, else the line's first
 * non-blank character. Null when the batch has no such line.
 */
export function errorPosition(
  message: string,
  line: number,
  statement: { sql: string; offset: number },
): number | null {
  const { sql } = statement
  let start = 0
  for (let n = 1; n < line; n++) {
    const next = sql.indexOf('\n', start)
    if (next === -1) return null
    start = next + 1
  }
  const end = sql.indexOf('\n', start) === -1 ? sql.length : sql.indexOf('\n', start)
  const text = sql.slice(start, end)
  const token = NEAR.exec(message)?.[1]
  let column = text.length - text.trimStart().length
  if (token) {
    const at = text.toLowerCase().indexOf(token.toLowerCase())
    if (at !== -1 && text.toLowerCase().indexOf(token.toLowerCase(), at + 1) === -1) column = at
  }
  if (column >= text.length && text.length > 0) column = text.length - 1
  return statement.offset + start + column + 1
}
