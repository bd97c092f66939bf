/** The longest `near '…'` excerpt MySQL and MariaDB print; shorter ones run to the statement's end. */
const EXCERPT_LIMIT = 80
const NEAR = /near '([\s\S]*)' at line (\d+)\s*$/

const lineAt = (sql: string, index: number): number => {
  let line = 1
  for (let i = sql.indexOf('\n'); i !== -1 && i < index; i = sql.indexOf('\n', i + 1)) line++
  return line
}

/**
 * The 1-based offset in the script of the token a syntax error names. MySQL reports the rest of
 * the statement from that token (`near '…' at line N`, cut to 80 characters), so the excerpt is
 * found in the statement that was sent, on that line: at its end when it was not cut, or as the
 * only match on that line when it was. Null when it cannot be placed without guessing.
 */
export function errorPosition(message: string, statement: { sql: string; offset: number }): number | null {
  const match = NEAR.exec(message)
  if (!match) return null
  const excerpt = match[1] ?? ''
  const line = Number(match[2])
  const { sql } = statement
  let index = -1
  if (excerpt.length < EXCERPT_LIMIT) {
    if (sql.endsWith(excerpt)) index = sql.length - excerpt.length
  } else {
    const found: number[] = []
    for (let i = sql.indexOf(excerpt); i !== -1; i = sql.indexOf(excerpt, i + 1)) {
      if (lineAt(sql, i) === line) found.push(i)
    }
    if (found.length === 1) index = found[0]!
  }
  if (index < 0 || lineAt(sql, index) !== line) return null
  // An empty excerpt means the statement ended too early: point at its last character.
  return statement.offset + Math.min(index, sql.length - 1) + 1
}
