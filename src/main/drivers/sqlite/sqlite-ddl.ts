/** The key parts and WHERE clause of a CREATE INDEX statement. */
export interface IndexDdl {
  /** Each key part as written, without a trailing ASC/DESC. */
  parts: string[]
  predicate: string | null
}

const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' }

/** Index just past the string, quoted identifier or comment starting at i; i if none starts there. */
export function skipToken(sql: string, i: number): number {
  const c = sql[i]
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i)
    return end === -1 ? sql.length : end + 1
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2)
    return end === -1 ? sql.length : end + 2
  }
  const closer = c === undefined ? undefined : CLOSERS[c]
  if (closer === undefined) return i
  // A doubled quote ('it''s') closes here and reopens at the next character: same result.
  const end = sql.indexOf(closer, i + 1)
  return end === -1 ? sql.length : end + 1
}

/**
 * Reads the key list and partial-index predicate from the DDL SQLite keeps in sqlite_schema.
 * SQLite's pragmas do not expose expression text or predicates, and the stored DDL is exactly
 * what the user wrote, so a scanner that respects quotes, comments and parentheses is enough.
 * Returns null when the text does not look like CREATE INDEX … ( … ).
 */
export function parseIndexDdl(sql: string): IndexDdl | null {
  const parts: string[] = []
  let depth = 0
  let partStart = -1
  for (let i = 0; i < sql.length;) {
    const next = skipToken(sql, i)
    if (next !== i) {
      i = next
      continue
    }
    const c = sql[i]
    if (c === '(') {
      if (depth === 0) partStart = i + 1
      depth++
    } else if (c === ')') {
      depth--
      if (depth === 0) {
        parts.push(sql.slice(partStart, i))
        const rest = /^\s*WHERE\s+([\s\S]*?)[\s;]*$/i.exec(sql.slice(i + 1))
        return { parts: parts.map(cleanPart), predicate: rest?.[1] ?? null }
      }
    } else if (c === ',' && depth === 1) {
      parts.push(sql.slice(partStart, i))
      partStart = i + 1
    }
    i++
  }
  return null
}

const cleanPart = (part: string): string => part.trim().replace(/\s+(ASC|DESC)$/i, '')
