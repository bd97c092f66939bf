import type { CheckInfo } from '../../../shared/contract'
import { skipToken } from './sqlite-ddl'

const WORD = /[A-Za-z0-9_$]/

/** The identifier at i (quoted or bare) and where it ends; null when none starts there. */
function nameAt(sql: string, i: number): { name: string; end: number } | null {
  const quote = sql[i]
  if (quote === '[') {
    const end = skipToken(sql, i)
    return { name: sql.slice(i + 1, end - 1), end }
  }
  if (quote === '"' || quote === '`' || quote === "'") {
    let end = i + 1
    // A doubled quote is one quote character inside the name.
    for (;;) {
      const close = sql.indexOf(quote, end)
      if (close === -1) return { name: sql.slice(i + 1).replaceAll(quote + quote, quote), end: sql.length }
      if (sql[close + 1] !== quote)
        return { name: sql.slice(i + 1, close).replaceAll(quote + quote, quote), end: close + 1 }
      end = close + 2
    }
  }
  let j = i
  while (j < sql.length && WORD.test(sql[j]!)) j++
  return j > i ? { name: sql.slice(i, j), end: j } : null
}

const skipSpace = (sql: string, i: number): number => {
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++
    const next = sql.startsWith('--', i) || sql.startsWith('/*', i) ? skipToken(sql, i) : i
    if (next === i) return i
    i = next
  }
}

/** Index just past the parenthesised group opening at i (quotes and comments respected). */
function groupEnd(sql: string, i: number): number {
  let depth = 0
  while (i < sql.length) {
    const next = skipToken(sql, i)
    if (next !== i) {
      i = next
      continue
    }
    if (sql[i] === '(') depth++
    else if (sql[i] === ')' && --depth === 0) return i + 1
    i++
  }
  return sql.length
}

/**
 * The CHECK constraints of a CREATE TABLE statement as SQLite keeps it (the text the user wrote:
 * SQLite has no catalog of checks), column and table ones in order, with the name of a
 * `CONSTRAINT name` just before one. Words inside strings, quoted names and comments never count.
 */
export function parseTableChecks(sql: string): CheckInfo[] {
  const checks: CheckInfo[] = []
  let pendingName: string | null = null
  let i = 0
  while (i < sql.length) {
    const next = skipToken(sql, i)
    if (next !== i) {
      i = next
      continue
    }
    const atWord = WORD.test(sql[i]!) && (i === 0 || !WORD.test(sql[i - 1]!))
    if (!atWord) {
      if (sql[i] === ',') pendingName = null
      i++
      continue
    }
    const word = nameAt(sql, i)!
    const upper = word.name.toUpperCase()
    if (upper === 'CONSTRAINT') {
      const at = skipSpace(sql, word.end)
      const named = nameAt(sql, at)
      pendingName = named?.name ?? null
      i = named?.end ?? at
      continue
    }
    if (upper === 'CHECK') {
      const open = skipSpace(sql, word.end)
      if (sql[open] === '(') {
        const end = groupEnd(sql, open)
        checks.push({ name: pendingName, expression: sql.slice(open, end) })
        pendingName = null
        i = end
        continue
      }
    } else if (upper !== 'NOT' && upper !== 'NULL') {
      // Another clause came between a CONSTRAINT name and a CHECK: the name was not the check's.
      if (pendingName !== null && upper !== pendingName.toUpperCase()) pendingName = null
    }
    i = word.end
  }
  return checks
}
